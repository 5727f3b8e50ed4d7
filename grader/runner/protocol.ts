import type { CellError, MimeBundle } from "../../kernel/outcome";

// Messages between the runner (parent) and its child over Node's IPC channel (advanced
// serialization, so typed arrays in check records survive).

/** One nbformat 4 output, as Jupyter stores it in a notebook. */
export type NbOutput =
  | { output_type: "stream"; name: "stdout" | "stderr"; text: string }
  | { output_type: "display_data"; data: MimeBundle; metadata: Record<string, unknown> }
  | { output_type: "execute_result"; execution_count: number; data: MimeBundle; metadata: Record<string, unknown> }
  | ({ output_type: "error" } & CellError);

/** Parent → child. */
export type ToChild = { type: "execute"; id: number; code: string };

/** Child → parent. */
export type FromChild =
  | { type: "ready"; ms: number }
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
    };

/** Settings the parent passes to the child in the environment variable GRADLAB_RUNNER. */
export interface ChildSettings {
  maxOutputBytes: number;
  libraryEntry?: string;
  setup?: string;
}

/** What a runner setup module's `setup` export receives in the child, before the first cell. */
export interface SetupContext {
  /** Append a structured clone of `record` to the current cell's `messages` (throws if not cloneable). */
  emit(record: unknown): void;
  /** The absolute path of the library module the prelude loaded (require it for the same instance). */
  libraryEntry: string;
}
