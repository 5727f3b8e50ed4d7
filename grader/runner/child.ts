import type { ChildSettings, FromChild, NbOutput, SetupContext, SetupHooks, ToChild } from "./protocol";
import { childChannel } from "./channel";
import { cellError } from "./validate";
import { OutputRecorder } from "./output-recorder";
import { createSession, type Session, threadBackend } from "../../kernel/session";
import { setOutputChannel } from "../../kernel/output";
import { libraryEntry as defaultLibraryEntry } from "../../kernel/paths";
import { reportStrayErrors } from "../../kernel/stray-errors";
import { saveTypeScriptCodeCache } from "../../kernel/tslab";
import { ParentConversions } from "./parent-conversions";

// The runner's child process: one session with the gradlab prelude (the kernel's cell semantics,
// kernel/session.ts), executing the cells the parent sends and answering with nbformat outputs.
// One child per notebook, because cells share a process and its global state.

const settings = JSON.parse(process.env.GRADLAB_RUNNER ?? "{}") as ChildSettings;
// The harness key must not stay where cells could read it.
delete process.env.GRADLAB_RUNNER;
const clone = structuredClone;
const activeResources = process.getActiveResourcesInfo.bind(process);
const libraryEntry = settings.libraryEntry ?? defaultLibraryEntry;

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
let hooks: SetupHooks = {};
// What was active when the running cell started: the work a cell leaves is what it added, so a
// cell that merely finishes while an earlier cell's timer is pending is not blamed for it (fast
// cells were, and were dropped from the replay with the culprit).
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

// Active resources beyond those active when the cell started.
function leftRunning(): string[] {
  const now = activeResources();
  for (const r of baseline) {
    const i = now.indexOf(r);
    if (i >= 0) now.splice(i, 1);
  }
  return now;
}

function recordInto(next: OutputRecorder): void {
  recorder = next;
  setOutputChannel({
    stream: (name, text) => recorder.stream(name, text),
    display: (data, metadata, displayId, update) => recorder.display(data, metadata, displayId, update),
    clear: (wait) => recorder.clear(wait),
  });
}

// The optional setup module (the grader's harness) runs before any cell; its hooks run around tests.
async function runSetup(): Promise<void> {
  if (!settings.setup) return;
  const context: SetupContext = {
    // Cloning here makes a record that cannot be sent fail inside the cell that emits it.
    emit: (record) => void (messages[messages.length] = clone(record)),
    libraryEntry,
    key: settings.key ?? null,
    seed: settings.seed ?? 0,
  };
  const mod = require(settings.setup) as { setup?: (c: SetupContext) => unknown; default?: (c: SetupContext) => unknown };
  const setup = mod.setup ?? mod.default;
  if (typeof setup !== "function") throw new Error(`The runner setup module ${settings.setup} exports no setup function.`);
  hooks = ((await setup(context)) ?? {}) as SetupHooks;
}

async function execute(session: Session, parent: ParentConversions | null, message: Extract<ToChild, { type: "execute" }>): Promise<void> {
  const { id, code, converted, cell, test } = message;
  const started = performance.now();
  recordInto(new OutputRecorder(settings.maxOutputBytes ?? 1 << 20));
  const count = ++executionCount;
  baseline = activeResources();
  parent?.expect(code, converted ?? null);
  // beginTest runs once the cell has compiled, right before its code, with nothing in between that
  // could let a cell's code run.
  const beforeRun = test ? () => hooks.beginTest?.(test.nonce, test.id, test.rng) : undefined;
  const outcome = await session.execute(code, cell ?? count, { beforeRun });
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
  reportStrayErrors(() => (thrown) => session.describe(thrown));
  if (!parent) {
    for (const cell of WARM_UP) await session.execute(cell, 0);
    saveTypeScriptCodeCache();
  }
  await runSetup();
  let queue = Promise.resolve();
  deliver = (message: ToChild) => {
    if (message.type !== "execute") return;
    send({ type: "started", id: message.id });
    queue = queue.then(() => execute(session, parent, message));
  };
  inbox.splice(0).forEach(deliver);
  const decl = parent ? session.declarations : undefined;
  send({ type: "ready", ms: performance.now() - started, ...(decl !== undefined && { decl }) });
}

main().catch((err: unknown) => {
  channel.close({ type: "failed", message: err instanceof Error ? err.message : String(err) });
  process.exitCode = 1;
});
