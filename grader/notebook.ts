import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

// nbformat 4 notebooks as the grader reads and writes them, with errors a TA can act on.

/** One nbformat 4 cell. */
export interface NbCell {
  id?: string;
  cell_type: "code" | "markdown" | "raw";
  metadata: Record<string, unknown>;
  source: string | string[];
  outputs?: unknown[];
  execution_count?: number | null;
  attachments?: Record<string, unknown>;
}

/** One nbformat 4 notebook. */
export interface Notebook {
  nbformat: number;
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

/** Parse notebook JSON text; `file` names it in errors. */
export function parseNotebook(text: string, file: string): Notebook {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new NotebookError(`${file} is not a notebook: it is not valid JSON (${(err as Error).message}). Submit the .ipynb file JupyterLab saves.`);
  }
  const nb = data as Partial<Notebook> | null;
  if (nb === null || typeof nb !== "object" || !Array.isArray(nb.cells)) {
    throw new NotebookError(`${file} is not a notebook: the JSON has no "cells" list. Submit the .ipynb file JupyterLab saves.`);
  }
  if (nb.nbformat !== 4) {
    throw new NotebookError(`${file} uses nbformat ${String(nb.nbformat)}; only nbformat 4 notebooks are supported (re-save it with Jupyter).`);
  }
  nb.cells.forEach((cell, i) => {
    const c = cell as Partial<NbCell> | null;
    const ok = c !== null && typeof c === "object" && ["code", "markdown", "raw"].includes(String(c.cell_type)) &&
      (typeof c.source === "string" || (Array.isArray(c.source) && c.source.every((s) => typeof s === "string")));
    if (!ok) throw new NotebookError(`${file}: cell ${i + 1} is malformed (it needs a cell_type and a source).`);
    c.metadata ??= {};
  });
  return { nbformat: 4, nbformat_minor: nb.nbformat_minor ?? 0, metadata: nb.metadata ?? {}, cells: nb.cells as NbCell[] };
}

/** Read and parse a notebook file. */
export function readNotebook(file: string): Notebook {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new NotebookError(`${file} cannot be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`);
  }
  return parseNotebook(text, file);
}

/** A notebook as Jupyter writes it: one-space indent, trailing newline. */
export function serializeNotebook(nb: Notebook): string {
  return JSON.stringify(nb, null, 1) + "\n";
}

/** Write a file so that readers see the old content or the new one, never half of it. */
export function writeFileAtomic(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
  try {
    fs.writeFileSync(temp, content);
    fs.renameSync(temp, file);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOSPC" || code === "EDQUOT") {
      throw new Error(`no space left on the disk while writing ${file}; free some space (or write elsewhere) and run the command again — finished work is kept, nothing was half-written`);
    }
    throw err;
  }
}

/** sha256 of a string, hex. */
export function sha256(text: string | Buffer): string {
  return crypto.createHash("sha256").update(text).digest("hex");
}

/** Split a source string into nbformat's list-of-lines form. */
export function sourceLines(text: string): string[] {
  return text.split(/(?<=\n)/).filter((line) => line !== "");
}
