import type { CellConversion, CellError } from "../../kernel/cells/types";
import type { NbOutput } from "../notebook/model";
import type { RngState } from "../../src/random";

// Messages between the runner (parent) and its child, as JSON frames on the child's fd 3
// (channel.ts). The parent validates every message from the child (validate.ts).

export type { NbOutput } from "../notebook/model";

/** A test cell's identity for the child's test hooks (the grading harness). */
export interface TestTag {
  nonce: string;
  id: string;
  /** The random generator's state the test starts from (the solution's, recorded by assign). */
  rng?: RngState;
}

/**
 * Parent → child. With `compile: "parent"` the parent sends the prelude's conversion first, then
 * each cell with the conversion it made (or null: the child compiles that cell itself). A cell with
 * `test` runs between the setup module's beginTest and endTest hooks; `cell` numbers the cell in
 * errors and tracebacks (default: its execution count).
 */
export type ToChild =
  | { type: "execute"; id: number; code: string; cell?: number; converted?: CellConversion | null; test?: TestTag }
  | { type: "prelude"; converted: CellConversion | null };

/** Child → parent. */
export type FromChild =
  | { type: "ready"; ms: number; decl?: string }
  | { type: "failed"; message: string }
  /** The child began the cell `id` (a child whose event loop is blocked never sends it). */
  | { type: "started"; id: number }
  | {
      type: "result";
      id: number;
      status: "ok" | "error";
      outputs: NbOutput[];
      executionCount: number;
      error?: CellError;
      /** Records the setup module emitted since the previous result (sealed texts when grading). */
      messages: unknown[];
      ms: number;
      /** Parent-compile mode: the declarations the next cell compiles against. */
      decl?: string;
      /** Work the cell left running (timers, sockets…), as Node names its active resources. */
      pending?: string[];
    };

/** Settings the parent passes to the child in the environment variable GRADLAB_RUNNER (removed once read). */
export interface ChildSettings {
  maxOutputBytes: number;
  libraryEntry?: string;
  setup?: string;
  /** "parent": cells arrive compiled; the child builds no TypeScript converter unless it must. */
  compile?: "parent";
  /** The grading harness's key (setup modules receive it; see grader/harness/record.ts). */
  key?: string;
  /** The seed the grading harness starts the random generator from (default 0). */
  seed?: number;
}

/** What a runner setup module's `setup` export receives in the child, before the first cell. */
export interface SetupContext {
  /** Queue a structured clone of `record` for the parent: it arrives in the next result's `messages`. */
  emit(record: unknown): void;
  /** The absolute path of the library module the prelude loaded (require it for the same instance). */
  libraryEntry: string;
  /** RunnerOptions.harnessKey, or null. */
  key: string | null;
  /** RunnerOptions.seed, or 0. */
  seed: number;
}

/** What a setup module's `setup` may return: hooks the child runs around each cell sent with a `test`. */
export interface SetupHooks {
  beginTest?(nonce: string, test: string, rng?: RngState): void;
  endTest?(): void;
}
