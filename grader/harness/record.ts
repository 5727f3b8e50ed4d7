import * as crypto from "node:crypto";
import type { CheckValue } from "../../src/check/values";
import type { RngState } from "../../src/random";
import { ArrayIsArray, JSONStringify, ObjectKeys } from "../../src/check/primordials";

// The records the grading harness sends from the submission's process: a test began, a check() call,
// the test ended. Each is sealed with a MAC under a key only the harness holds (the parent passed it
// before any student cell ran), so a record the submission writes itself onto the channel — it can
// see the channel, not the key — is dropped, and one it alters no longer verifies. The child writes
// them with captured built-ins; the parent verifies, parses and validates them as untrusted input.

/** A harness record before sealing. */
export type RecordBody =
  | { type: "begin"; nonce: string; test: string; unrestored: string[]; rng: RngState }
  | { type: "check"; nonce: string; test: string; label: string; value: CheckValue; rtol?: number; atol?: number; points?: number; expect?: false; modified: string[] }
  | { type: "end"; nonce: string; test: string; modified: string[] };

/** Longest sealed record the parent reads (a check of a large tensor is a few MB). */
export const MAX_RECORD_CHARS = 16 << 20;

const hash = crypto.hash;
const TAG_LENGTH = 64;

// HMAC-shaped (the key around an inner hash), with the one-shot hash: no Hash object whose
// prototype a submission could patch to see or change what is sealed.
function mac(key: string, text: string): string {
  return hash("sha256", key + hash("sha256", key + text));
}

/** JSON for harness data only (strings, finite numbers, booleans, arrays, plain objects), with captured built-ins. */
export function toJson(v: unknown, depth = 0): string {
  if (typeof v === "string") return JSONStringify(v);
  if (typeof v === "number") return v === v && v !== Infinity && v !== -Infinity ? `${v}` : "null";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (v === null || typeof v !== "object" || depth > 64) return "null";
  let out = "";
  if (ArrayIsArray(v)) {
    for (let i = 0; i < v.length; i++) out += (i === 0 ? "" : ",") + toJson(v[i], depth + 1);
    return `[${out}]`;
  }
  const keys = ObjectKeys(v);
  for (let i = 0; i < keys.length; i++) {
    const value = (v as Record<string, unknown>)[keys[i]];
    if (value !== undefined) out += (out === "" ? "" : ",") + JSONStringify(keys[i]) + ":" + toJson(value, depth + 1);
  }
  return `{${out}}`;
}

/** The sealed text of a record (in the submission's process). */
export function sealRecord(key: string, body: RecordBody): string {
  const text = toJson(body);
  return mac(key, text) + text;
}

/** A fresh harness key (in the grading process). */
export function newKey(): string {
  return crypto.randomBytes(32).toString("hex");
}

/** A verified record; a check whose value is malformed keeps the record, with `problem` saying why. */
export type OpenedRecord = Exclude<RecordBody, { type: "check" }> | (Extract<RecordBody, { type: "check" }> & { problem?: string });

const isName = (x: unknown, max: number): x is string => typeof x === "string" && x.length > 0 && x.length <= max;
const names = (x: unknown): string[] | null =>
  ArrayIsArray(x) && x.length <= 100 && x.every((n) => typeof n === "string") ? x.map((n) => n.slice(0, 120)) : null;
const tolerance = (x: unknown): boolean => x === undefined || (typeof x === "number" && Number.isFinite(x) && x >= 0);

/** A random generator state as the harness reports it, or null when malformed. */
export function rngStateOf(x: unknown): RngState | null {
  const r = x as Partial<RngState> | null;
  if (r === null || typeof r !== "object" || !ArrayIsArray(r.state) || r.state.length !== 4) return null;
  if (!r.state.every((n) => Number.isInteger(n) && (n as number) >= 0 && (n as number) < 2 ** 32) || r.state.every((n) => n === 0)) return null;
  if (r.spareNormal !== null && !(typeof r.spareNormal === "number" && Number.isFinite(r.spareNormal))) return null;
  return { state: [...r.state] as RngState["state"], spareNormal: r.spareNormal };
}

/** Verify, parse and validate one record from the child; null when forged, altered or malformed. */
export function openRecord(key: string, sealed: unknown): OpenedRecord | null {
  if (typeof sealed !== "string" || sealed.length <= TAG_LENGTH || sealed.length > MAX_RECORD_CHARS) return null;
  const text = sealed.slice(TAG_LENGTH);
  if (mac(key, text) !== sealed.slice(0, TAG_LENGTH)) return null;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (body === null || typeof body !== "object" || !isName(body.nonce, 64) || !isName(body.test, 200)) return null;
  const { nonce, test } = body as { nonce: string; test: string };
  if (body.type === "begin") {
    const unrestored = names(body.unrestored);
    const rng = rngStateOf(body.rng);
    return unrestored && rng && { type: "begin", nonce, test, unrestored, rng };
  }
  const modified = names(body.modified);
  if (modified === null) return null;
  if (body.type === "end") return { type: "end", nonce, test, modified };
  if (body.type !== "check" || !isName(body.label, 500) || !tolerance(body.rtol) || !tolerance(body.atol) || !tolerance(body.points)) return null;
  const label = body.label as string;
  const problem = checkValueProblem(body.value);
  const tol = {
    ...(body.rtol !== undefined && { rtol: body.rtol as number }), ...(body.atol !== undefined && { atol: body.atol as number }),
    ...(body.points !== undefined && { points: body.points as number }),
  };
  const value = (problem === null ? body.value : { kind: "unsupported", description: "a malformed value" }) as CheckValue;
  return { type: "check", nonce, test, label, value, modified, ...tol, ...(body.expect === false && { expect: false as const }), ...(problem !== null && { problem }) };
}

const jsonNumber = (x: unknown): boolean => (typeof x === "number" && Number.isFinite(x)) || x === "NaN" || x === "Infinity" || x === "-Infinity";

/** Why a received check value is not a well-formed CheckValue (null when it is one), within size limits. */
export function checkValueProblem(v: unknown, budget = { nodes: 1_000_000 }, depth = 0): string | null {
  if (--budget.nodes < 0) return "it is too large";
  if (depth > 22) return "it is nested too deeply";
  if (v === null || typeof v !== "object" || ArrayIsArray(v)) return "it is not a check value";
  const c = v as Record<string, unknown>;
  switch (c.kind) {
    case "numeric": {
      if (!ArrayIsArray(c.shape) || !ArrayIsArray(c.data) || !["number", "array", "tensor"].includes(c.from as string)) return "its numbers are malformed";
      if (c.shape.length > 32 || !c.shape.every((n) => Number.isInteger(n) && (n as number) >= 0)) return "its shape is malformed";
      if (c.dtype !== undefined && c.dtype !== "float32") return "its dtype is malformed";
      const size = (c.shape as number[]).reduce((a, b) => a * b, 1);
      if (size !== c.data.length || (budget.nodes -= size) < 0) return "its shape does not match its numbers";
      return c.data.every(jsonNumber) ? null : "its numbers are malformed";
    }
    case "boolean":
      return typeof c.value === "boolean" ? null : "it is not a boolean";
    case "string":
      return typeof c.value === "string" && c.value.length <= 10_000 ? null : "its text is malformed or too long";
    case "unsupported":
      return typeof c.description === "string" && c.description.length <= 200 ? null : "its description is malformed";
    case "list":
      if (!ArrayIsArray(c.items)) return "its items are malformed";
      for (const item of c.items) {
        const problem = checkValueProblem(item, budget, depth + 1);
        if (problem !== null) return problem;
      }
      return null;
    case "object":
      if (c.fields === null || typeof c.fields !== "object" || ArrayIsArray(c.fields)) return "its fields are malformed";
      for (const value of Object.values(c.fields)) {
        const problem = checkValueProblem(value, budget, depth + 1);
        if (problem !== null) return problem;
      }
      return null;
    default:
      return "its kind is unknown";
  }
}
