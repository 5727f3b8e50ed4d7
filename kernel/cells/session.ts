import type { CellHost } from "./host";
import { createLocals } from "./locals";
import type { UninitialisedReason } from "./messages";
import { CellInterrupt, createGuard, programSource, RunContext, runProgram } from "./run";
import { type CellRecord, thrownError } from "./traceback";
import type { CellConversion, CellError, CellOutcome, Diagnostic, MimeBundle } from "./types";

// The semantics of notebook cells, one implementation for the kernel, the embedded runner, the
// grader and the browser kernel: what ran before a throw stays defined and what did not is
// declared but explains itself when read; tracebacks name cells and lines; an interrupt stops the
// cell and everything it started, whether it is compiling, running or waiting.

/** How a session compiles and runs cells. */
export interface CellSessionOptions {
  host: CellHost;
  /** Compile `code` against the TypeScript declarations of the cells before it. */
  compile(declarations: string, code: string): Promise<CellConversion>;
  /** The bundle for a cell's last value (default: its Jupyter.display bundle, or host.inspect text). */
  render?(value: unknown): Promise<MimeBundle>;
  /**
   * What each cell receives as `exports` and `require`, read when it starts (default: the session's
   * own). The Node kernel passes tslab's holder `globalThis.__tslab__`, which the grading harness wraps.
   */
  scope?(): { exports: object; require: (id: string) => unknown };
}

/** Called around one execution. */
export interface ExecuteHooks {
  /** Runs once the cell has compiled, right before its code (or its type errors) — nothing runs in between. */
  beforeRun?(): void;
}

/** A notebook's cells in one global scope. */
export interface CellSession {
  /** Compile and run one cell, numbered `cell` (its execution count) in errors and tracebacks. */
  execute(code: string, cell: number, hooks?: ExecuteHooks): Promise<CellOutcome>;
  /** Stop the cell that is compiling, running or waiting now; nothing it started runs again. */
  interrupt(): void;
  /** The declarations the next cell compiles against. */
  readonly declarations: string;
  /** The shared names, as compiled cells see them (`exports`). */
  readonly exports: Record<string, unknown>;
  /**
   * A value thrown where no cell catches it (a timer's callback, a promise nobody awaited) as a
   * notebook error, its frames named by cell and line like a cell's own error.
   */
  describe(thrown: unknown): CellError;
}

const JUPYTER_DISPLAY = Symbol.for("Jupyter.display");

/** The mime bundle of a value: its own `[Symbol.for("Jupyter.display")]()` bundle, else text. */
export async function renderValue(value: unknown, inspect: (value: unknown) => string): Promise<MimeBundle> {
  const text = inspect(value);
  const own = (value as { [JUPYTER_DISPLAY]?: unknown } | null)?.[JUPYTER_DISPLAY];
  if (typeof own !== "function") return { "text/plain": text };
  const bundle = (await own.call(value)) as MimeBundle | null | undefined;
  if (bundle === null || typeof bundle !== "object") return { "text/plain": text };
  return "text/plain" in bundle ? bundle : { ...bundle, "text/plain": text };
}

/** Type errors as the error a notebook shows: one `LINE:COL - message` per diagnostic. */
export function diagnosticsError(diagnostics: Diagnostic[]): CellError {
  const lines = diagnostics.map(
    (d) => `${d.fileName ? `${d.fileName} ` : ""}${d.start.line + 1}:${d.start.character + 1} - ${typeNames(d.messageText)}${d.hint ? ` ${d.hint}` : ""}`,
  );
  return { ename: "TypeScriptError", evalue: lines.join("\n"), traceback: lines.map((l) => `TypeScriptError: ${l}`) };
}

// TypeScript names a type it cannot name from the cell by its file (`import("/…/dist/src/tensor").Tensor`):
// the student knows it as `Tensor`.
const typeNames = (text: string) => text.replace(/import\("[^"]*"\)\./g, "");

function interruptError(): CellError {
  const error = new CellInterrupt();
  return { ename: error.name, evalue: error.message, traceback: [`${error.name}: ${error.message}`] };
}

const isThenable = (v: unknown): v is PromiseLike<unknown> =>
  (typeof v === "object" || typeof v === "function") && v !== null && typeof (v as { then?: unknown }).then === "function";

/** A session with no names defined yet. */
export function createCellSession(options: CellSessionOptions): CellSession {
  const { host, compile } = options;
  const render = options.render ?? ((value: unknown) => renderValue(value, (v) => host.inspect(v)));
  const locals = createLocals();
  const guard = createGuard(host);
  const records = new Map<string, CellRecord>();
  const studentFiles = new Set<string>();
  const frames = { cell: (file: string) => records.get(file), isStudentFile: (file: string) => studentFiles.has(file) };
  let declarations = "";
  let runs = 0;
  let current: RunContext | null = null;

  const scope = options.scope ?? (() => ({ exports: locals.exports, require: host.require }));

  async function execute(code: string, cell: number, hooks: ExecuteHooks = {}): Promise<CellOutcome> {
    const context = new RunContext(cell);
    context.onCancel(() => host.cancelTimers(context));
    current = context;
    let state: UninitialisedReason = "running";
    try {
      const conversion = await Promise.race([compile(declarations, code), context.whenCancelled]);
      hooks.beforeRun?.();
      if (conversion.diagnostics.length > 0) return { status: "error", error: diagnosticsError(conversion.diagnostics) };
      for (const m of conversion.modules ?? []) studentFiles.add(m.path);
      if (conversion.modules?.length) host.addModules(conversion.modules);
      const program = conversion.program;
      declarations = conversion.declarations ?? declarations;
      if (!program) return { status: "ok", result: null };
      const filename = `gradlab-cell-${++runs}`;
      records.set(filename, { cell, lines: program.lines, source: code.split("\n") });
      locals.declare(program.declared, cell, () => state);
      const fn = host.evaluate(programSource(program), filename);
      const { exports, require } = scope();
      await host.runInContext(context, () => runProgram(host, fn, [exports, require, guard], program, context));
      let value = program.lastExpression ? locals.take(program.lastExpression) : undefined;
      if (isThenable(value)) value = await host.runInContext(context, () => Promise.race([value as PromiseLike<unknown>, context.whenCancelled]));
      return { status: "ok", result: value === undefined || value === null ? null : await render(value) };
    } catch (thrown) {
      if (thrown instanceof CellInterrupt || host.isInterrupt(thrown) || context.cancelled) {
        state = "interrupted";
        context.cancel();
        return { status: "error", error: interruptError() };
      }
      state = "failed";
      return { status: "error", error: thrownError(thrown, frames, (v) => host.inspect(v)) };
    } finally {
      if (current === context) current = null;
    }
  }

  return {
    execute,
    interrupt: () => current?.cancel(),
    get declarations() {
      return declarations;
    },
    exports: locals.exports,
    describe: (thrown) => thrownError(thrown, frames, (v) => host.inspect(v)),
  };
}
