import * as fs from "node:fs";
import { gradeMsg } from "../messages";
import { type NbCell, type Notebook, NotebookError } from "./model";
import { schemaErrors } from "./schema";

// Reading notebook JSON: every way a file can fail to be an nbformat 4 notebook gets its own
// message (not JSON, no nbformat, an old nbformat 3 file, no cells, a malformed cell). "structure"
// checks what running needs (students' files are graded leniently); "schema" adds Jupyter's schema.

/** How strictly to read: what running needs, or Jupyter's full nbformat 4 schema. */
export type Validation = "structure" | "schema";

/** Check parsed JSON is an nbformat 4 notebook; `name` names it in errors. */
export function toNotebook(data: unknown, name: string, validation: Validation = "structure"): Notebook {
  if (data === null || typeof data !== "object" || Array.isArray(data)) throw new NotebookError(gradeMsg.notObject(name));
  const nb = data as Partial<Record<keyof Notebook, unknown>> & { worksheets?: unknown };
  if (!("nbformat" in nb)) throw new NotebookError(gradeMsg.noNbformat(name, Array.isArray(nb.cells)));
  if (typeof nb.nbformat === "number" && nb.nbformat < 4) throw new NotebookError(gradeMsg.oldNbformat(name, nb.nbformat));
  if (nb.nbformat !== 4) throw new NotebookError(gradeMsg.otherNbformat(name, String(nb.nbformat)));
  if (!Array.isArray(nb.cells)) throw new NotebookError(gradeMsg.noCells(name));
  if (validation === "schema") {
    const errors = schemaErrors(nb, typeof nb.nbformat_minor === "number" ? nb.nbformat_minor : 5);
    if (errors !== null) throw new NotebookError(gradeMsg.notValid(name, errors));
  }
  nb.cells.forEach((cell, i) => {
    const c = cell as Partial<NbCell> | null;
    const ok = c !== null && typeof c === "object" && ["code", "markdown", "raw"].includes(String(c.cell_type)) &&
      (typeof c.source === "string" || (Array.isArray(c.source) && c.source.every((s) => typeof s === "string")));
    if (!ok) throw new NotebookError(gradeMsg.malformedCell(name, i + 1));
    if (c.metadata === null || typeof c.metadata !== "object" || Array.isArray(c.metadata)) c.metadata = {};
  });
  const metadata = nb.metadata !== null && typeof nb.metadata === "object" && !Array.isArray(nb.metadata) ? nb.metadata : {};
  const minor = typeof nb.nbformat_minor === "number" ? nb.nbformat_minor : 0;
  return { nbformat: 4, nbformat_minor: minor, metadata: metadata as Record<string, unknown>, cells: nb.cells as NbCell[] };
}

/** Check `value` against Jupyter's nbformat 4 schema and return it typed, or throw a NotebookError saying why. */
export function validateNotebook(value: unknown, name = "notebook"): Notebook {
  return toNotebook(value, name, "schema");
}

/** Parse notebook JSON text; `name` names it in errors. */
export function parseNotebook(text: string, name: string, validation: Validation = "structure"): Notebook {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new NotebookError(gradeMsg.notJson(name, (err as Error).message));
  }
  return toNotebook(data, name, validation);
}

/** Read and parse a notebook file (the instructor's or the student's own, not a submission: see files.ts). */
export function readNotebook(file: string, validation: Validation = "structure"): Notebook {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new NotebookError(gradeMsg.cannotRead(file, (err as NodeJS.ErrnoException).code ?? (err as Error).message));
  }
  return parseNotebook(text, file, validation);
}
