// The messages between the page (the JupyterLite kernel object) and the Web Worker that compiles
// and runs cells. Each request carries an id; everything the worker sends while serving it
// (streams, displays) carries the same id, so outputs reach the cell that produced them.

import type { CellOutcome, MimeBundle } from "../../kernel/cells/types";

export type { CellError, MimeBundle } from "../../kernel/cells/types";

/** Where the worker fetches what it serves from memory, and the shared interrupt flag. */
export interface WorkerInit {
  type: "init";
  /** URL of the JSON file image: package-relative path → text (declarations, lib files). */
  filesUrl: string;
  /** URLs of the WebAssembly builds, by package-relative path. */
  binaryUrls: Record<string, string>;
  /** One Int32 the page sets to 1 to interrupt; null when the page is not cross-origin isolated. */
  interruptFlag: SharedArrayBuffer | null;
}

/** Requests the page sends once the worker is ready. */
export type WorkerRequest =
  /** `cell` is the execution count tracebacks and "was not initialised because cell N failed" name. */
  /** `test` is the cell's `gradlab` metadata as JupyterLab sent it (a public test's references are there). */
  | { type: "execute"; id: number; code: string; cell: number; test: unknown }
  | { type: "complete"; id: number; code: string; cursor: number }
  | { type: "inspect"; id: number; code: string; cursor: number; detail: number }
  /** `n`: the Interrupt's number on the shared flag (0 without one). */
  | { type: "interrupt"; n: number };

/** The reply that ends a request: a cell's outcome as the cell-semantics core gives it. */
export type ExecuteReply = CellOutcome;
export interface CompleteReply {
  matches: string[];
  cursor_start: number;
  cursor_end: number;
}
export interface InspectReply {
  found: boolean;
  data: MimeBundle;
}

/** Everything the worker sends. */
export type WorkerMessage =
  /** Start-up done: total ms, and ms per phase (TypeScript, file image, library, converter, prelude). */
  | { type: "ready"; ms: number; phases: Record<string, number> }
  | { type: "failed"; message: string }
  | { type: "stream"; id: number; name: "stdout" | "stderr"; text: string }
  | { type: "display"; id: number; data: MimeBundle; metadata: Record<string, unknown>; displayId?: string; update: boolean }
  | { type: "clear"; id: number; wait: boolean }
  | { type: "reply"; id: number; content: ExecuteReply | CompleteReply | InspectReply };
