import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import { readFileSync } from "node:fs";
import schemaV44 from "./nbformat.v4.4.schema.json";
import schemaV45 from "./nbformat.v4.5.schema.json";
import type { NbOutput } from "./protocol";

// nbformat 4 validation with Jupyter's official JSON schemas (nbformat.v4.4/v4.5.schema.json,
// copied from the nbformat package, BSD-3-Clause, IPython Development Team), so a file Jupyter
// would reject is rejected here with the same reasons.

/** An nbformat 4 cell (the fields the runner reads or writes). */
export interface NbCell {
  id?: string;
  cell_type: "code" | "markdown" | "raw";
  source: string | string[];
  metadata: Record<string, unknown>;
  outputs?: NbOutput[];
  execution_count?: number | null;
  [key: string]: unknown;
}

/** An nbformat 4 notebook. */
export interface Notebook {
  nbformat: 4;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: NbCell[];
}

/** Raised for a file that is not a valid nbformat 4 notebook. */
export class NotebookError extends Error {
  override name = "NotebookError";
}

const validators = new Map<number, ValidateFunction>();

function validator(minor: number): ValidateFunction {
  const version = minor >= 5 ? 5 : 4;
  let validate = validators.get(version);
  if (!validate) {
    // The schemas declare draft-04; the keywords they use mean the same in Ajv's default draft.
    const { $schema: _draft, ...schema } = version === 5 ? schemaV45 : schemaV44;
    validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    validators.set(version, validate);
  }
  return validate;
}

/** Check `value` against nbformat 4 and return it typed, or throw a NotebookError saying why. */
export function validateNotebook(value: unknown, name = "notebook"): Notebook {
  const nb = value as Partial<Notebook> | null;
  if (nb === null || typeof nb !== "object" || Array.isArray(nb) || nb.nbformat !== 4) {
    const found = nb !== null && typeof nb === "object" && "nbformat" in nb ? `nbformat ${String(nb.nbformat)}` : "no nbformat field";
    throw new NotebookError(`${name} is not an nbformat 4 Jupyter notebook (${found}). Open and re-save it in Jupyter.`);
  }
  const validate = validator(typeof nb.nbformat_minor === "number" ? nb.nbformat_minor : 5);
  if (!validate(nb)) throw new NotebookError(`${name} is not a valid nbformat 4 notebook: ${describe(validate.errors ?? [])}`);
  return nb as Notebook;
}

/** Read and validate a notebook file. */
export function readNotebook(file: string): Notebook {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new NotebookError(`Cannot read ${file}: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new NotebookError(`${file} is not a Jupyter notebook: it is not JSON (${(err as Error).message}).`);
  }
  return validateNotebook(json, file);
}

function describe(errors: ErrorObject[]): string {
  const lines = [...new Set(errors.filter((e) => e.keyword !== "oneOf").map((e) => `${e.instancePath || "/"} ${e.message}`))];
  return lines.slice(0, 3).join("; ") + (lines.length > 3 ? ` (and ${lines.length - 3} more)` : "");
}
