/**
 * The semantics of notebook cells, platform-neutral: the gradlab kernel, the embedded runner, the
 * grader and the browser kernel all run cells through this core. Nothing here imports Node or
 * tslab; a platform provides a CellHost (Node: kernel/node-host.ts) and a compile function.
 *
 * ```ts
 * // Compile side, wherever TypeScript runs (a worker thread, a browser worker):
 * const fixes = fixConverterTypeScript(ts, { strict: true, ... }); // before tslab's converter loads ts
 * // tslab's converter is built on fixes.ts; for each cell:
 * fixes.expect(src);
 * const result = converter.convert(declarations, src);
 * fixes.expect(null);
 * const diagnostics = addHints(ts, fixes.program(), result.diagnostics, "export {};\n".length);
 * const conversion = prepareConversion(ts, { ...result, diagnostics }, src, result.output && fixes.mapsFor(result.output));
 *
 * // Run side (conversions are plain JSON; post them across threads):
 * const session = createCellSession({ host, compile: (declarations, code) => compileSomewhere(declarations, code) });
 * const outcome = await session.execute(code, executionCount, { beforeRun() { … } });
 * // outcome: { status: "ok", result: MimeBundle | null } | { status: "error", error: { ename, evalue, traceback } }
 * session.interrupt();   // stops the cell that is compiling, running or waiting
 * ```
 *
 * Optional: `beforeRun` runs once the cell has compiled, synchronously right before its code (the
 * grading harness begins a test there); `scope()` in the options says what cells receive as
 * `exports` and `require` (default: the session's own; the Node kernel passes tslab's holder).
 *
 * Semantics:
 * - A cell's declarations persist when it throws: what ran keeps its value; what did not run is
 *   declared (it type-checks) and reading it throws ReferenceError "'x' was not initialised
 *   because cell N failed before reaching its declaration". Type errors run nothing and change nothing.
 * - Interrupt: a runaway loop stops at its loop check, which throws while the host's interrupt
 *   flag is raised (interrupt-flag.ts: the kernel's control thread, the browser page); an awaiting
 *   cell stops at once; its timers and intervals are cleared, awaits inside functions it started
 *   throw when they resume, and a generator-driven body (top-level awaits) is thrown into so
 *   finally blocks run. A host without a flag (the grader's runner child) stops loops on SIGINT
 *   under breakOnSigint: there a body's first three steps are guarded, later ones at most every
 *   200 ms. Not stoppable: code without loops (deep recursion ends in a RangeError), and library
 *   calls until they return.
 * - Tracebacks name `cell N, line L` with the TypeScript line; other frames are folded.
 * - The last expression's value is rendered (awaited if it is a Promise).
 */
export type { CellHost } from "./host";
export type {
  CellContext, CellConversion, CellError, CellOutcome, CellProgram, Diagnostic, LineTable, MimeBundle, ProgramMode, SideModule,
} from "./types";
export { createCellSession, diagnosticsError, renderValue, type CellSession, type CellSessionOptions, type ExecuteHooks } from "./session";
export { CellInterrupt } from "./run";
export { fixConverterTypeScript, type ConverterFixes } from "./converter-fixes";
export { prepareConversion, type TslabConversion } from "./prepare";
export { addHints } from "./hints";
export { cellMsg } from "./messages";
