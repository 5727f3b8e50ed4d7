import type { ChildSettings, FromChild, NbOutput, SetupContext, SetupHooks, ToChild } from "./protocol";
import { childChannel } from "./channel";
import { cellError } from "./validate";
import { OutputRecorder } from "./output-recorder";
import { createSession, prepareLibrary, type Session, startSession } from "../../kernel/session";
import { preludeSource } from "../../kernel/library-module";
import { libraryEntry as defaultLibraryEntry } from "../../kernel/paths";
import { ParentConversions } from "./parent-conversions";

// The runner's child process: one tslab session with the gradlab prelude (as in the kernel),
// executing the cells the parent sends and answering with nbformat outputs. One child per
// notebook, because cells share a process and its global state.

const settings = JSON.parse(process.env.GRADLAB_RUNNER ?? "{}") as ChildSettings;
// The harness key must not stay where cells could read it.
delete process.env.GRADLAB_RUNNER;
const clone = structuredClone;
const activeResources = process.getActiveResourcesInfo.bind(process);

// Compiled and run before the child reports ready, so V8 has optimised TypeScript's checker for
// typical cells by the time a notebook arrives. Blocks declare nothing, so cells see no trace.
const WARM_UP = [
  "{ const w = tensor([[1, 2], [3, 4]], { requiresGrad: true }); w.matmul(w).mul(2).sum().backward(); }",
  "{ const xs: number[] = []; for (let i = 0; i < 3; i++) xs.push(i * 2); console.log(xs.length); }",
  "{ const m = new nn.Linear(2, 1); const o = new optim.SGD(m.parameters(), { lr: 0.1 }); o.zeroGrad(); }",
];

let recorder = new OutputRecorder(settings.maxOutputBytes ?? 1 << 20);
// Records queued by the setup module since the last result; they go out with the next one.
let messages: unknown[] = [];
let executionCount = 0;
const conversions = settings.compile === "parent" ? new ParentConversions() : null;
let hooks: SetupHooks = {};
let baseline: string[] = [];

// Listening from the first tick: in parent-compile mode the prelude's conversion arrives at once.
const inbox: ToChild[] = [];
let deliver: (message: ToChild) => void = (message) => void inbox.push(message);
const channel = childChannel((message) => deliver(message as ToChild), () => process.exit(0));

// A result leaves with the records queued so far, closing the test it belongs to first, and says
// what work the cell left running; a result that cannot be encoded is replaced by an error.
function send(message: FromChild): void {
  if (message.type !== "result") return channel.send(message);
  hooks.endTest?.();
  // Errors are kept whole by the output recorder; capped here, as the parent would cap them anyway.
  const error = message.error && cellError(message.error);
  const outputs = message.outputs.map((o) => (o.output_type === "error" ? { output_type: "error" as const, ...cellError(o) } : o));
  const result = { ...message, outputs, ...(error && { error }), messages: messages.splice(0), pending: leftRunning() };
  try {
    channel.send(result);
  } catch (err) {
    const error = { ename: "OutputError", evalue: `this cell's outputs could not be sent to the runner (${err instanceof Error ? err.message : "?"})`, traceback: [] };
    channel.send({ ...result, status: "error", outputs: [{ output_type: "error", ...error }], error });
  }
}

// Active resources beyond those the child had when it became ready.
function leftRunning(): string[] {
  const now = activeResources();
  for (const r of baseline) {
    const i = now.indexOf(r);
    if (i >= 0) now.splice(i, 1);
  }
  return now;
}

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

// The optional setup module (the grader's harness) runs before any cell; its hooks run around tests.
async function runSetup(): Promise<void> {
  if (!settings.setup) return;
  const context: SetupContext = {
    // Cloning here makes a record that cannot be sent fail inside the cell that emits it.
    emit: (record) => void (messages[messages.length] = clone(record)),
    libraryEntry: settings.libraryEntry ?? defaultLibraryEntry,
    key: settings.key ?? null,
    seed: settings.seed ?? 0,
  };
  const mod = require(settings.setup) as { setup?: (c: SetupContext) => unknown; default?: (c: SetupContext) => unknown };
  const setup = mod.setup ?? mod.default;
  if (typeof setup !== "function") throw new Error(`The runner setup module ${settings.setup} exports no setup function.`);
  hooks = ((await setup(context)) ?? {}) as SetupHooks;
}

async function execute(session: Session, message: Extract<ToChild, { type: "execute" }>): Promise<void> {
  const { id, code, converted } = message;
  const started = performance.now();
  recorder = new OutputRecorder(settings.maxOutputBytes ?? 1 << 20);
  const count = ++executionCount;
  conversions?.expect(code, converted ?? null);
  const outcome = await session.execute(code);
  const decl = conversions?.declarations(session.inspect);
  if (outcome.status === "ok" && outcome.result) {
    recorder.add({ output_type: "execute_result", execution_count: count, data: outcome.result, metadata: {} });
  }
  if (outcome.status === "error") recorder.add({ output_type: "error", ...outcome.error });
  const outputs: NbOutput[] = recorder.finish();
  const ms = performance.now() - started;
  const error = outcome.status === "error" ? outcome.error : undefined;
  send({ type: "result", id, status: outcome.status, outputs, executionCount: count, messages, ms, ...(error && { error }), ...(decl !== undefined && { decl }) });
}

// Parent-compile mode: the executor runs the parent's conversion of the prelude (no warm-up: the
// child compiles nothing, and the warm-up cells leave tslab's declarations as the prelude's).
async function parentCompiledSession(parent: ParentConversions): Promise<Session> {
  const entry = prepareLibrary(settings.libraryEntry);
  const prelude = inbox.shift() ?? (await new Promise<ToChild>((resolve) => (deliver = resolve)));
  deliver = (message) => void inbox.push(message);
  if (prelude.type !== "prelude") throw new Error(`The runner child expected the prelude first, got a ${prelude.type} message.`);
  parent.expect(preludeSource(entry), prelude.converted);
  return startSession(entry, () => parent);
}

async function main(): Promise<void> {
  const started = performance.now();
  const session = conversions ? await parentCompiledSession(conversions) : await createSession({ libraryEntry: settings.libraryEntry });
  process.on("SIGINT", () => session.interrupt());
  process.on("uncaughtException", (err) => console.error("Uncaught exception:", err));
  process.on("unhandledRejection", (reason) => console.error("Unhandled promise rejection:", reason));
  capture();
  if (!conversions) for (const cell of WARM_UP) await session.execute(cell);
  await runSetup();
  let queue = Promise.resolve();
  deliver = (message: ToChild) => {
    if (message.type !== "execute") return;
    send({ type: "started", id: message.id });
    const { test } = message;
    // beginTest runs right before the cell, with nothing in between that could let a cell's code run.
    queue = queue.then(() => {
      if (test) hooks.beginTest?.(test.nonce, test.id, test.rng);
      return execute(session, message);
    });
  };
  inbox.splice(0).forEach(deliver);
  const decl = conversions?.declarations(session.inspect);
  baseline = activeResources();
  send({ type: "ready", ms: performance.now() - started, ...(decl !== undefined && { decl }) });
}

main().catch((err: unknown) => {
  channel.close({ type: "failed", message: err instanceof Error ? err.message : String(err) });
  process.exitCode = 1;
});
