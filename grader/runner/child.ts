import type { ChildSettings, FromChild, NbOutput, SetupContext, ToChild } from "./protocol";
import { OutputRecorder } from "./output-recorder";
import { createSession, type Session } from "../../kernel/session";
import { libraryEntry as defaultLibraryEntry } from "../../kernel/paths";

// The runner's child process: one tslab session with the gradlab prelude (as in the kernel),
// executing the cells the parent sends and answering with nbformat outputs. One child per
// notebook, because cells share a process and its global state.

const settings = JSON.parse(process.env.GRADLAB_RUNNER ?? "{}") as ChildSettings;
const send = (message: FromChild) => process.send?.(message);

// Compiled and run before the child reports ready, so V8 has optimised TypeScript's checker for
// typical cells by the time a notebook arrives. Blocks declare nothing, so cells see no trace.
const WARM_UP = [
  "{ const w = tensor([[1, 2], [3, 4]], { requiresGrad: true }); w.matmul(w).mul(2).sum().backward(); }",
  "{ const xs: number[] = []; for (let i = 0; i < 3; i++) xs.push(i * 2); console.log(xs.length); }",
  "{ const m = new nn.Linear(2, 1); const o = new optim.SGD(m.parameters(), { lr: 0.1 }); o.zeroGrad(); }",
];

let recorder = new OutputRecorder(settings.maxOutputBytes ?? 1 << 20);
let messages: unknown[] = [];
let executionCount = 0;

function capture(): void {
  const jupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData: unknown };
  jupyter.lastWriteDisplayData = (data: { data: Record<string, unknown>; metadata?: Record<string, unknown> }) =>
    recorder.display(data.data, data.metadata ?? {});
  const writer = (name: "stdout" | "stderr") => (chunk: string | Uint8Array) => {
    recorder.stream(name, typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    return true;
  };
  process.stdout.write = writer("stdout") as typeof process.stdout.write;
  process.stderr.write = writer("stderr") as typeof process.stderr.write;
}

// The optional setup module (the grader's) gets the message channel before any cell runs.
async function runSetup(): Promise<void> {
  if (!settings.setup) return;
  const context: SetupContext = {
    // Cloning here makes a record that cannot cross the IPC channel fail inside the cell.
    emit: (record) => void messages.push(structuredClone(record)),
    libraryEntry: settings.libraryEntry ?? defaultLibraryEntry,
  };
  const mod = require(settings.setup) as { setup?: (c: SetupContext) => unknown; default?: (c: SetupContext) => unknown };
  const setup = mod.setup ?? mod.default;
  if (typeof setup !== "function") throw new Error(`The runner setup module ${settings.setup} exports no setup function.`);
  await setup(context);
}

async function execute(session: Session, id: number, code: string): Promise<void> {
  const started = performance.now();
  recorder = new OutputRecorder(settings.maxOutputBytes ?? 1 << 20);
  messages = [];
  const count = ++executionCount;
  const outcome = await session.execute(code);
  if (outcome.status === "ok" && outcome.result) {
    recorder.add({ output_type: "execute_result", execution_count: count, data: outcome.result, metadata: {} });
  }
  if (outcome.status === "error") recorder.add({ output_type: "error", ...outcome.error });
  const outputs: NbOutput[] = recorder.finish();
  const ms = performance.now() - started;
  const error = outcome.status === "error" ? outcome.error : undefined;
  send({ type: "result", id, status: outcome.status, outputs, executionCount: count, messages, ms, ...(error && { error }) });
}

async function main(): Promise<void> {
  const started = performance.now();
  const session = await createSession({ libraryEntry: settings.libraryEntry });
  process.on("SIGINT", () => session.interrupt());
  process.on("uncaughtException", (err) => console.error("Uncaught exception:", err));
  process.on("unhandledRejection", (reason) => console.error("Unhandled promise rejection:", reason));
  capture();
  for (const cell of WARM_UP) await session.execute(cell);
  await runSetup();
  let queue = Promise.resolve();
  process.on("message", (message: ToChild) => {
    if (message.type === "execute") queue = queue.then(() => execute(session, message.id, message.code));
  });
  process.on("disconnect", () => process.exit(0));
  send({ type: "ready", ms: performance.now() - started });
}

main().catch((err: unknown) => {
  send({ type: "failed", message: err instanceof Error ? err.message : String(err) });
  process.exitCode = 1;
  process.disconnect?.();
});
