import { inspect } from "node:util";

/** A Jupyter mime bundle: mime type → data (objects for JSON types, strings otherwise). */
export type MimeBundle = Record<string, unknown>;

/** What Jupyter's `error` message and nbformat's error output carry. */
export interface CellError {
  ename: string;
  evalue: string;
  traceback: string[];
}

/** The result of one cell: the last expression's bundle (null when there is none) or the error. */
export type CellOutcome = { status: "ok"; result: MimeBundle | null } | { status: "error"; error: CellError };

/** The protocol Deno and gradlab share for objects that know how to display themselves. */
export const jupyterDisplay: unique symbol = Symbol.for("Jupyter.display") as never;

/** The mime bundle for a value: its own `[Symbol.for("Jupyter.display")]()` bundle, or text. */
export async function displayBundle(value: unknown): Promise<MimeBundle> {
  const text = inspect(value);
  const own = (value as { [jupyterDisplay]?: unknown } | null)?.[jupyterDisplay];
  if (typeof own !== "function") return { "text/plain": text };
  const bundle = (await own.call(value)) as MimeBundle | null | undefined;
  if (bundle === null || typeof bundle !== "object") return { "text/plain": text };
  return "text/plain" in bundle ? bundle : { ...bundle, "text/plain": text };
}

/** A TypeScript diagnostic as tslab reports it, turned into an error a notebook shows. */
export function diagnosticsError(lines: string[]): CellError {
  return { ename: "TypeScriptError", evalue: lines.join("\n"), traceback: lines.map((l) => `TypeScriptError: ${l}`) };
}

// Frames below the cell (tslab's executor, Node internals) say nothing to a student.
const internalFrame = /\(node:|tslab[\\/]dist[\\/]|kernel[\\/]session\.|runner[\\/]child\./;

/** A thrown value turned into an error a notebook shows, with the cell's frames only. */
export function thrownError(thrown: unknown): CellError {
  if (!(thrown instanceof Error)) {
    const evalue = inspect(thrown);
    return { ename: "Error", evalue: `Uncaught ${evalue}`, traceback: [`Uncaught ${evalue}`] };
  }
  const interrupted =
    (thrown as { code?: string }).code === "ERR_SCRIPT_EXECUTION_INTERRUPTED" ||
    thrown.message === "Interrupted asynchronously";
  const ename = interrupted ? "KeyboardInterrupt" : thrown.name || "Error";
  const frames = (thrown.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));
  const cut = frames.findIndex((line) => internalFrame.test(line));
  const kept = cut === -1 ? frames : frames.slice(0, cut);
  return { ename, evalue: thrown.message, traceback: [`${ename}: ${thrown.message}`, ...kept] };
}
