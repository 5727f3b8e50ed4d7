import type { CellConversion, CellError, MimeBundle } from "../../kernel/cells/types";

// Messages between the runner (parent) and its child over Node's IPC channel (advanced
// serialization, so typed arrays in check records survive).

/** One nbformat 4 output, as Jupyter stores it in a notebook. */
export type NbOutput =
  | { output_type: "stream"; name: "stdout" | "stderr"; text: string }
  | { output_type: "display_data"; data: MimeBundle; metadata: Record<string, unknown> }
  | { output_type: "execute_result"; execution_count: number; data: MimeBundle; metadata: Record<string, unknown> }
  | ({ output_type: "error" } & CellError);

/**
 * Parent → child. With `compile: "parent"` the parent sends the prelude's conversion first, then
 * each cell with the conversion it made (or null: the child compiles that cell itself). `cell`
 * numbers the cell in errors and tracebacks (default: its execution count).
 */
export type ToChild =
  | { type: "execute"; id: number; code: string; cell?: number; converted?: CellConversion | null }
  | { type: "prelude"; converted: CellConversion | null };

/** Child → parent. */
export type FromChild =
  | { type: "ready"; ms: number; decl?: string }
  | { type: "failed"; message: string }
  | {
      type: "result";
      id: number;
      status: "ok" | "error";
      outputs: NbOutput[];
      executionCount: number;
      error?: CellError;
      messages: unknown[];
      ms: number;
      /** Parent-compile mode: the declarations the next cell compiles against. */
      decl?: string;
    };

/** Settings the parent passes to the child in the environment variable GRADLAB_RUNNER. */
export interface ChildSettings {
  maxOutputBytes: number;
  libraryEntry?: string;
  setup?: string;
  /** "parent": cells arrive compiled; the child builds no TypeScript converter unless it must. */
  compile?: "parent";
}

/** What a runner setup module's `setup` export receives in the child, before the first cell. */
export interface SetupContext {
  /** Append a structured clone of `record` to the current cell's `messages` (throws if not cloneable). */
  emit(record: unknown): void;
  /** The absolute path of the library module the prelude loaded (require it for the same instance). */
  libraryEntry: string;
}
