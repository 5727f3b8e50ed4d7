import type { CellError, MimeBundle } from "../../kernel/outcome";

// nbformat 4 notebooks as the grader, the runner and the release read and write them: one model
// for the whole grader, so a cell read from a submission is the cell the runner executes.

/** One nbformat 4 output, as Jupyter stores it in a notebook. */
export type NbOutput =
  | { output_type: "stream"; name: "stdout" | "stderr"; text: string }
  | { output_type: "display_data"; data: MimeBundle; metadata: Record<string, unknown> }
  | { output_type: "execute_result"; execution_count: number; data: MimeBundle; metadata: Record<string, unknown> }
  | ({ output_type: "error" } & CellError);

/** One nbformat 4 cell. */
export interface NbCell {
  id?: string;
  cell_type: "code" | "markdown" | "raw";
  metadata: Record<string, unknown>;
  source: string | string[];
  outputs?: NbOutput[];
  execution_count?: number | null;
  attachments?: Record<string, unknown>;
}

/** One nbformat 4 notebook. */
export interface Notebook {
  nbformat: 4;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: NbCell[];
}

/** A file that cannot be used as a notebook; the message says why and what to do. */
export class NotebookError extends Error {
  override name = "NotebookError";
}

/** A cell's source as one string (nbformat allows a list of lines). */
export function cellSource(cell: NbCell): string {
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source;
}

/** A notebook as Jupyter writes it: one-space indent, trailing newline. */
export function serializeNotebook(nb: Notebook): string {
  return JSON.stringify(nb, null, 1) + "\n";
}

/** Split a source string into nbformat's list-of-lines form. */
export function sourceLines(text: string): string[] {
  return text.split(/(?<=\n)/).filter((line) => line !== "");
}
