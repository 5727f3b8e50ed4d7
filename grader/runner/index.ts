/**
 * The embedded notebook runner: executes notebook cells in a child process with exactly the
 * kernel's compile and run semantics (the same cell session and gradlab prelude, kernel/session.ts
 * on kernel/cells/), without Jupyter or Python. Used by `gradlab run`, `check` and `grade`.
 *
 * ```ts
 * const r = await startRunner({ cwd, timeoutMs: 30_000, memoryMb: 1024,
 *   sandbox: { writePath: cwd, readPaths: [] }, env: {} });
 * const res = await r.execute(code, { timeoutMs: 5_000, cell: 3 }); // `cell`: its number in errors
 * // res: { status: "ok" | "error" | "timeout" | "crashed", outputs: NbOutput[],
 * //        executionCount, ms, error?: { ename, evalue, traceback }, messages: unknown[] }
 * await r.close();
 *
 * const { notebook, cells, failed } = await runNotebook("nb.ipynb", { timeoutMs: 60_000 });
 *
 * const pool = new RunnerPool(() => ({ cwd: makeScratch() }), 1); // warm children
 * const warm = await pool.acquire();  // … warm.close(); finally pool.close()
 * ```
 *
 * Messages from cell code to the parent: pass `setup: "/abs/path/setup.js"` in RunnerOptions. The
 * child requires it once, before the first cell, and calls its `setup({ emit, libraryEntry })`
 * export (SetupContext). Each `emit(record)` appends a structured clone of `record` to the
 * `messages` of the cell that is running (a record that cannot be cloned throws in the cell).
 * `require(libraryEntry)` in the setup module is the same library instance the cells use.
 *
 * Compiling in the parent (the grader's mode): `const compiler = new CellCompiler({ libraryEntry })`,
 * then `startRunner({ ..., compiler })` for any number of runners; `await compiler.close()` at the
 * end. The children skip building TypeScript's converter and only run what they are sent, on the
 * same cell semantics, so outputs, type errors and declarations are the same as without it.
 *
 * After a timeout that needed SIGKILL, or a crash (memory limit), the next execute() starts a
 * fresh child: earlier variables are gone, and execution counts restart at 1.
 */
export { startRunner, Runner, type RunnerOptions, type ExecuteResult } from "./runner";
export { RunnerPool } from "./pool";
export { CellCompiler } from "./compiler";
export { runNotebook, type RunNotebookOptions, type RunNotebookResult } from "./notebook";
export { readNotebook, validateNotebook, NotebookError, type Notebook, type NbCell } from "./notebook-schema";
export type { NbOutput, SetupContext } from "./protocol";
export type { SandboxOptions } from "./child-process";
export type { CellError, MimeBundle } from "../../kernel/outcome";
