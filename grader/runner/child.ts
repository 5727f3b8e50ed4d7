import type { ChildSettings, FromChild, NbOutput, SetupContext, ToChild } from "./protocol";
import { OutputRecorder } from "./output-recorder";
import { createSession, type Session, threadBackend } from "../../kernel/session";
import { setOutputChannel } from "../../kernel/output";
import { libraryEntry as defaultLibraryEntry } from "../../kernel/paths";
import { isCellInterrupt } from "../../kernel/cells/run";
import { saveTypeScriptCodeCache } from "../../kernel/tslab";
import { ParentConversions } from "./parent-conversions";

// The runner's child process: one session with the gradlab prelude (the kernel's cell semantics,
// kernel/session.ts), executing the cells the parent sends and answering with nbformat outputs.
// One child per notebook, because cells share a process and its global state.

const settings = JSON.parse(process.env.GRADLAB_RUNNER ?? "{}") as ChildSettings;
const send = (message: FromChild) => process.send?.(message);
const libraryEntry = settings.libraryEntry ?? defaultLibraryEntry;

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

// Listening from the first tick: in parent-compile mode the prelude's conversion arrives at once.
const inbox: ToChild[] = [];
let deliver: (message: ToChild) => void = (message) => void inbox.push(message);
process.on("message", (message: ToChild) => deliver(message));

function recordInto(next: OutputRecorder): void {
  recorder = next;
  setOutputChannel({
    stream: (name, text) => recorder.stream(name, text),
    display: (data, metadata, displayId, update) => recorder.display(data, metadata, displayId, update),
    clear: (wait) => recorder.clear(wait),
  });
}

// The optional setup module (the grader's) gets the message channel before any cell runs.
async function runSetup(): Promise<void> {
  if (!settings.setup) return;
  const context: SetupContext = {
    // Cloning here makes a record that cannot cross the IPC channel fail inside the cell.
    emit: (record) => void messages.push(structuredClone(record)),
    libraryEntry,
  };
  const mod = require(settings.setup) as { setup?: (c: SetupContext) => unknown; default?: (c: SetupContext) => unknown };
  const setup = mod.setup ?? mod.default;
  if (typeof setup !== "function") throw new Error(`The runner setup module ${settings.setup} exports no setup function.`);
  await setup(context);
}

async function execute(session: Session, parent: ParentConversions | null, message: Extract<ToChild, { type: "execute" }>): Promise<void> {
  const { id, code, converted, cell } = message;
  const started = performance.now();
  recordInto(new OutputRecorder(settings.maxOutputBytes ?? 1 << 20));
  messages = [];
  const count = ++executionCount;
  parent?.expect(code, converted ?? null);
  const outcome = await session.execute(code, cell ?? count);
  if (outcome.status === "ok" && outcome.result) {
    recorder.add({ output_type: "execute_result", execution_count: count, data: outcome.result, metadata: {} });
  }
  if (outcome.status === "error") recorder.add({ output_type: "error", ...outcome.error });
  const outputs: NbOutput[] = recorder.finish();
  const ms = performance.now() - started;
  const error = outcome.status === "error" ? outcome.error : undefined;
  const decl = parent ? session.declarations : undefined;
  send({ type: "result", id, status: outcome.status, outputs, executionCount: count, messages, ms, ...(error && { error }), ...(decl !== undefined && { decl }) });
}

// Parent-compile mode: the parent's conversion of the prelude comes first (no warm-up: the child
// compiles nothing).
async function parentCompiled(): Promise<ParentConversions> {
  const prelude = inbox.shift() ?? (await new Promise<ToChild>((resolve) => (deliver = resolve)));
  deliver = (message) => void inbox.push(message);
  if (prelude.type !== "prelude") throw new Error(`The runner child expected the prelude first, got a ${prelude.type} message.`);
  return new ParentConversions(libraryEntry, prelude.converted);
}

async function main(): Promise<void> {
  const started = performance.now();
  const parent = settings.compile === "parent" ? await parentCompiled() : null;
  const session = await createSession({ libraryEntry, backend: parent ? () => parent.backend() : threadBackend });
  process.on("SIGINT", () => session.interrupt());
  process.on("uncaughtException", (err) => console.error("Uncaught exception:", err));
  process.on("unhandledRejection", (reason) => {
    if (!isCellInterrupt(reason)) console.error("Unhandled promise rejection:", reason);
  });
  if (!parent) {
    for (const cell of WARM_UP) await session.execute(cell, 0);
    saveTypeScriptCodeCache();
  }
  await runSetup();
  let queue = Promise.resolve();
  deliver = (message: ToChild) => {
    if (message.type === "execute") queue = queue.then(() => execute(session, parent, message));
  };
  inbox.splice(0).forEach(deliver);
  process.on("disconnect", () => process.exit(0));
  const decl = parent ? session.declarations : undefined;
  send({ type: "ready", ms: performance.now() - started, ...(decl !== undefined && { decl }) });
}

main().catch((err: unknown) => {
  send({ type: "failed", message: err instanceof Error ? err.message : String(err) });
  process.exitCode = 1;
  process.disconnect?.();
});
