/**
 * The embedded notebook runner: executes notebook cells in a child process with exactly the
 * kernel's compile and run semantics (the same cell session and gradlab prelude, kernel/session.ts
 * on kernel/cells/),
 * without Jupyter or Python. Used by `gradlab run`, `check` and `grade`.
 *
 * ```ts
 * const r = await startRunner({ cwd, timeoutMs: 30_000, memoryMb: 1024,
 *   sandbox: { mechanism: "bwrap", readPaths: [] }, env: {} });
 * const res = await r.execute(code, { timeoutMs: 5_000, cell: 3 }); // `cell`: its number in errors
 * // res: { status: "ok" | "error" | "timeout" | "crashed" | "violated", outputs: NbOutput[],
 * //        executionCount, ms, error?: { ename, evalue, traceback }, messages: unknown[],
 * //        started, pending }
 * await r.close();
 *
 * const { notebook, cells, failed } = await runNotebook("nb.ipynb", { timeoutMs: 60_000 });
 *
 * const pool = new RunnerPool(() => ({ cwd: makeScratch() }), 1); // warm children
 * const warm = await pool.acquire();  // … warm.close(); finally pool.close()
 * ```
 *
 * Sandboxes: `sandbox: { mechanism: "bwrap" }` runs the child in bubblewrap namespaces as an
 * unprivileged uid with no network and a tmpfs scratch at `cwd` (nothing needs to exist outside);
 * `"node"` uses Node's permission model only (cwd must exist). The permission model is on in both.
 *
 * Messages from cell code to the parent: pass `setup: "/abs/path/setup.js"` in RunnerOptions. The
 * child requires it once, before the first cell, and calls its `setup({ emit, libraryEntry, key })`
 * export (SetupContext). Each `emit(record)` queues a structured clone of `record`; it arrives in the
 * `messages` of the next result. `setup` may return `{ beginTest, endTest }` hooks, which the child
 * runs around cells executed with `{ test: { nonce, id } }`. `require(libraryEntry)` in the setup
 * module is the same library instance the cells use. Messages from the child are framed JSON on its
 * fd 3, validated and size-capped by the parent; a child that breaks the protocol is stopped.
 *
 * Compiling in the parent (the grader's mode): `const compiler = new CellCompiler({ libraryEntry })`,
 * then `startRunner({ ..., compiler })` for any number of runners; `await compiler.close()` at the
 * end (`new CompilerGroup(options, n)` gives n threads, each compile going to the least busy). The
 * children skip building TypeScript's converter and only run what they are sent, with the same
 * cell semantics, so outputs, type errors and declarations are the same as without it.
 *
 * After a timeout that needed SIGKILL, or a crash (memory limit), the next execute() starts a
 * fresh child: earlier variables are gone, and execution counts restart at 1.
 */
export { startRunner, Runner, type RunnerOptions, type ExecuteResult, type ExecuteOptions } from "./runner";
export { RunnerPool } from "./pool";
export { CellCompiler } from "./compiler";
export { CompilerGroup, type ParentCompiler } from "./compiler-group";
export { runNotebook, type RunNotebookOptions, type RunNotebookResult } from "./notebook";
export { readNotebook, validateNotebook, NotebookError, type Notebook, type NbCell } from "../notebook";
export type { NbOutput, SetupContext, SetupHooks, TestTag } from "./protocol";
export type { SandboxOptions } from "./child-process";
export { bubblewrap, sandboxes, sandboxNamed, DEFAULT_SANDBOX, type SandboxKind, type SandboxMechanism } from "./sandbox/index";
export type { CellError, MimeBundle } from "../../kernel/outcome";
