import type { CellError } from "../../kernel/outcome";
import type { ParentCompiler } from "./compiler-group";
import type { SandboxOptions } from "./child-process";
import type { NbOutput, TestTag } from "./protocol";

// The embedded runner's options and results (runner.ts runs them).

/** How a runner's child is started and how long a cell may run. */
export interface RunnerOptions {
  /** The notebook's folder (the grader: a scratch folder); cells resolve local files from here. */
  cwd: string;
  /** Default per-cell time limit; then SIGINT, and SIGKILL after a 1 s grace. Default 60 s. */
  timeoutMs?: number;
  /** V8 heap limit of the child in MB (default 2048); resident memory may exceed it by 512 MB. */
  memoryMb?: number;
  /** Output kept per cell, in characters (default 1 MiB); the rest is dropped with a note. */
  maxOutputBytes?: number;
  /**
   * Confine the child: a sandbox mechanism (bwrap: namespaces, unprivileged uid, no network, a tmpfs
   * scratch at `cwd`; node: the permission model only), with the permission model inside it either way.
   */
  sandbox?: SandboxOptions;
  /** Passed to the setup module's context (the grading harness seals its records with it). */
  harnessKey?: string;
  /** Passed to the setup module's context: the grading harness seeds the random generator with it (default 0). */
  seed?: number;
  /** Aborting it kills the child at once, and the runner starts no new one (a stopped batch). */
  signal?: AbortSignal;
  /** Extra environment variables (added to the parent's, or to a bare PATH when sandboxed). */
  env?: Record<string, string>;
  /** The compiled library to preload; only tests pass a different one. */
  libraryEntry?: string;
  /**
   * Absolute path of a CommonJS module run in the child before the first cell: its `setup(context)`
   * export receives `{ emit(record), libraryEntry, key }` (SetupContext) and may return test hooks
   * (SetupHooks); records it emits come back in the next result's `messages`. The grading harness
   * is installed this way.
   */
  setup?: string;
  /**
   * Compile cells in this (the parent) process with a warm converter shared across runners; the
   * child only runs tslab's executor on the conversions it is sent (same outputs, no ~0.7 s
   * converter build per child). The child's cwd should hold no TypeScript sources: cells compile
   * as if in an empty folder of the same temp root. Cells the compiler cannot take (`@module`,
   * a compile over the time limit) make that child compile for itself from then on.
   */
  compiler?: ParentCompiler;
}

/** What one cell did. */
export interface ExecuteResult {
  /**
   * ok, error (the cell threw or did not compile), timeout (interrupted or killed), crashed (the
   * process died), violated (the child broke the message protocol and was stopped: see `error`).
   */
  status: "ok" | "error" | "timeout" | "crashed" | "violated";
  /** nbformat 4 outputs, in order, bounded by maxOutputBytes. */
  outputs: NbOutput[];
  /** The cell's execution count in its process (restarts at 1 after a crash); null if it never ran. */
  executionCount: number | null;
  ms: number;
  error?: CellError;
  /** Records emitted through the setup module's `emit` since the previous cell's result, in order. */
  messages: unknown[];
  /** False when the child never began the cell (its event loop was blocked, e.g. by work an earlier cell left). */
  started: boolean;
  /** The process died or was killed (variables are gone; the next execute() starts a fresh one). */
  lost: boolean;
  /** Work the cell left running when it finished (Node's active resource names: Timeout, TCPSocketWrap, …). */
  pending: string[];
}

/** How one execute() call runs. */
export interface ExecuteOptions {
  timeoutMs?: number;
  /** The cell's number in errors and tracebacks (default: its execution count); the grader passes its notebook position. */
  cell?: number;
  /** Run the cell between the setup module's test hooks, for the test with this nonce and id. */
  test?: TestTag;
}
