import type { CellError } from "../../kernel/outcome";
import type { NbOutput } from "../notebook/model";
import type { FromChild } from "./protocol";

// Every message from a runner child is untrusted input: its shape is checked, and every text in it
// (error names and messages, tracebacks, outputs, records) is capped before anything keeps it. A
// message that is not one of the protocol's is a violation (the runner stops that child and the
// submission fails with the reason); a malformed field of a valid message is coerced or dropped.

/** Caps on what a child's texts may occupy once received. */
export const CAPS = { ename: 100, evalue: 4000, tracebackLines: 50, tracebackLine: 1000, records: 10_000, decl: 4 << 20, note: 1000 };

/** A message the protocol does not allow; `reason` says what was wrong. */
export type Violation = { violation: string };

const isObject = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === "object" && !Array.isArray(x);
const number = (x: unknown): number => (typeof x === "number" && Number.isFinite(x) ? x : 0);

/** A text from the child, capped; anything that is not a string becomes a short description of it. */
export function capText(x: unknown, max: number): string {
  const text = typeof x === "string" ? x : x === undefined ? "" : `[${Array.isArray(x) ? "a list" : typeof x} instead of a text]`;
  return text.length <= max ? text : `${text.slice(0, max)}… [${text.length - max} more characters dropped]`;
}

/** A cell error from the child with every field a capped text. */
export function cellError(x: unknown): CellError {
  const e = isObject(x) ? x : {};
  const lines = Array.isArray(e.traceback) ? e.traceback.slice(0, CAPS.tracebackLines) : [];
  return { ename: capText(e.ename, CAPS.ename) || "Error", evalue: capText(e.evalue, CAPS.evalue), traceback: lines.map((l) => capText(l, CAPS.tracebackLine)) };
}

function mimeBundle(x: unknown): Record<string, unknown> | null {
  if (!isObject(x)) return null;
  const out: Record<string, unknown> = {};
  for (const [mime, value] of Object.entries(x)) if (mime.length <= 200 && (typeof value === "string" || isObject(value) || Array.isArray(value))) out[mime] = value;
  return out;
}

/** One output, or null when it is not one nbformat knows (it is dropped). */
function output(x: unknown): NbOutput | null {
  if (!isObject(x)) return null;
  switch (x.output_type) {
    case "stream":
      return (x.name === "stdout" || x.name === "stderr") && typeof x.text === "string" ? { output_type: "stream", name: x.name, text: x.text } : null;
    case "display_data": {
      const data = mimeBundle(x.data);
      return data && { output_type: "display_data", data, metadata: isObject(x.metadata) ? x.metadata : {} };
    }
    case "execute_result": {
      const data = mimeBundle(x.data);
      return data && { output_type: "execute_result", execution_count: number(x.execution_count), data, metadata: {} };
    }
    case "error":
      return { output_type: "error", ...cellError(x) };
    default:
      return null;
  }
}

/** The outputs, within `budget` characters of JSON (the rest dropped with a note). */
export function outputs(x: unknown, budget: number): NbOutput[] {
  const kept: NbOutput[] = [];
  let used = 0;
  let dropped = 0;
  for (const item of Array.isArray(x) ? x.slice(0, 10_000) : []) {
    const o = output(item);
    if (o === null) continue;
    const size = JSON.stringify(o).length;
    if (used + size > budget && o.output_type !== "error") dropped += size;
    else (kept.push(o), (used += size));
  }
  if (dropped > 0) kept.push({ output_type: "stream", name: "stderr", text: `\n[gradlab: ${dropped} characters of output beyond the limit were dropped]\n` });
  return kept;
}

// Records are JSON values (the grading harness's are sealed texts, verified by the grader itself).
const records = (x: unknown): unknown[] => (Array.isArray(x) ? x.slice(0, CAPS.records) : []);
// Node's resource names (Timeout, TCPSocketWrap…): anything else is not one and is dropped.
const pending = (x: unknown): string[] => (Array.isArray(x) ? x.slice(0, 100).filter((p): p is string => typeof p === "string" && /^[A-Za-z]{1,40}$/.test(p)) : []);

/** Check a parsed message from the child against the protocol; `outputBudget` caps a result's outputs. */
export function fromChild(x: unknown, outputBudget: number): FromChild | Violation {
  if (!isObject(x)) return { violation: "a message that is not an object" };
  const decl = x.decl === undefined ? undefined : typeof x.decl === "string" && x.decl.length <= CAPS.decl ? x.decl : null;
  if (decl === null) return { violation: "declarations that are not a text or too long" };
  switch (x.type) {
    case "ready":
      return { type: "ready", ms: number(x.ms), ...(decl !== undefined && { decl }) };
    case "failed":
      return { type: "failed", message: capText(x.message, CAPS.evalue) };
    case "started":
      return Number.isInteger(x.id) ? { type: "started", id: x.id as number } : { violation: "a started message without a cell id" };
    case "result": {
      if (!Number.isInteger(x.id)) return { violation: "a result without a cell id" };
      if (x.status !== "ok" && x.status !== "error") return { violation: "a result whose status is neither ok nor error" };
      return {
        type: "result", id: x.id as number, status: x.status, outputs: outputs(x.outputs, outputBudget),
        executionCount: number(x.executionCount), messages: records(x.messages), ms: number(x.ms), pending: pending(x.pending),
        ...(x.status === "error" && { error: cellError(x.error) }), ...(decl !== undefined && { decl }),
      };
    }
    default:
      return { violation: "a message of a type the protocol does not have" };
  }
}
