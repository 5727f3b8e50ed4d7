// Compares a value with its reference. Numbers pass when |got − expected| ≤ atol + rtol·|expected|
// (numpy's isclose); NaN never passes; shapes must match exactly; booleans and strings compare
// exactly; lists and objects compare item by item and fail on the first mismatch found.
import { messages } from "./messages";
import { type CheckValue, decodeNumber, describeValue } from "./values";

/** Tolerances of one check. */
export interface Tolerance {
  rtol: number;
  atol: number;
}

/** The defaults, documented in the README: tight enough to catch a wrong gradient, loose enough for float64 round-off. */
export const defaultTolerance: Tolerance = { rtol: 1e-6, atol: 1e-9 };

/**
 * The least tolerance a float32 value (on either side) is compared with, documented in the README:
 * torch.testing.assert_close's float32 defaults, since float32 keeps only ~7 significant digits.
 */
export const float32Tolerance: Tolerance = { rtol: 1.3e-6, atol: 1e-5 };

/** The outcome of one comparison, as results.jsonl stores it. */
export interface Comparison {
  passed: boolean;
  /** Largest |got − expected| over all compared numbers (0 when there were none, null when shapes differ). */
  maxAbsError: number | null;
  /** Largest |got − expected| / |expected| (Infinity when expected is 0 and got is not). */
  maxRelError: number | null;
  /** Shape of the value compared (numeric values only). */
  shape: number[] | null;
  /** Why it failed, for people; empty when it passed. */
  reason: string;
}

const pass = (shape: number[] | null = null): Comparison => ({ passed: true, maxAbsError: 0, maxRelError: 0, shape, reason: "" });
const fail = (reason: string, shape: number[] | null = null): Comparison => ({ passed: false, maxAbsError: null, maxRelError: null, shape, reason });
const at = (path: string, reason: string): string => (path === "" ? reason : `${path}: ${reason}`);

function compareNumeric(
  expected: Extract<CheckValue, { kind: "numeric" }>,
  got: Extract<CheckValue, { kind: "numeric" }>,
  tol: Tolerance,
  path: string,
): Comparison {
  if (expected.shape.join(",") !== got.shape.join(",")) {
    return fail(at(path, messages.shapeMismatch(expected.shape, got.shape)), got.shape);
  }
  if (expected.dtype === "float32" || got.dtype === "float32") {
    tol = { rtol: Math.max(tol.rtol, float32Tolerance.rtol), atol: Math.max(tol.atol, float32Tolerance.atol) };
  }
  let maxAbs = 0;
  let maxRel = 0;
  let worst = -1;
  let nan = -1;
  for (let i = 0; i < expected.data.length; i++) {
    const e = decodeNumber(expected.data[i]);
    const g = decodeNumber(got.data[i]);
    if (Number.isNaN(g) || Number.isNaN(e)) {
      if (nan < 0) nan = i;
      continue;
    }
    const abs = e === g ? 0 : Math.abs(g - e);
    const rel = abs === 0 ? 0 : abs / Math.abs(e);
    if (abs > tol.atol + tol.rtol * Math.abs(e) && worst < 0) worst = i;
    if (abs > maxAbs) maxAbs = abs;
    if (rel > maxRel) maxRel = rel;
  }
  const base = { maxAbsError: maxAbs, maxRelError: maxRel, shape: got.shape };
  if (nan >= 0) return { ...base, passed: false, reason: at(path, messages.nan(got.shape, nan)) };
  if (worst >= 0) return { ...base, passed: false, reason: at(path, messages.notClose(tol.rtol, tol.atol)) };
  return { ...base, passed: true, reason: "" };
}

/** Compare a received value with the reference under the given tolerances. */
export function compareValues(expected: CheckValue, got: CheckValue, tol: Tolerance = defaultTolerance, path = ""): Comparison {
  if (got.kind === "unsupported") return fail(at(path, messages.unsupported(got.description)));
  if (expected.kind !== got.kind) return fail(at(path, messages.kindMismatch(describeValue(expected), describeValue(got))));
  switch (expected.kind) {
    case "numeric":
      return compareNumeric(expected, got as typeof expected, tol, path);
    case "boolean":
    case "string": {
      const g = got as typeof expected;
      return g.value === expected.value ? pass() : fail(at(path, messages.notEqual(describeValue(expected), describeValue(g))));
    }
    case "list": {
      const g = got as typeof expected;
      if (g.items.length !== expected.items.length) return fail(at(path, messages.lengthMismatch(expected.items.length, g.items.length)));
      return combine(expected.items.map((e, i) => compareValues(e, g.items[i], tol, `${path}[${i}]`)));
    }
    case "object": {
      const g = got as typeof expected;
      const want = Object.keys(expected.fields);
      const have = Object.keys(g.fields);
      if (want.join(",") !== have.join(",")) return fail(at(path, messages.keysMismatch(want, have)));
      return combine(want.map((k) => compareValues(expected.fields[k], g.fields[k], tol, `${path}.${k}`)));
    }
  }
}

function combine(parts: Comparison[]): Comparison {
  const failed = parts.find((p) => !p.passed);
  const errors = (pick: (c: Comparison) => number | null): number | null =>
    parts.reduce<number | null>((m, p) => (m === null || pick(p) === null ? null : Math.max(m, pick(p)!)), 0);
  return {
    passed: failed === undefined,
    maxAbsError: errors((p) => p.maxAbsError),
    maxRelError: errors((p) => p.maxRelError),
    shape: null,
    reason: failed?.reason ?? "",
  };
}
