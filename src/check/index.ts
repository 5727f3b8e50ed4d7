// check(label, value, opts?): the one function test cells call. In a student's kernel it compares
// with the references the release wrote into the test cell and prints a ✓/✗ line; under the grader
// it only sends the value to the grading process, which compares it there.
import { compareValues, defaultTolerance, type Tolerance } from "./compare";
import { grading, rememberCheck, sendCheck } from "./grading";
import { messages } from "./messages";
import { checkLine } from "./report";
import { type CheckValue, toCheckValue } from "./values";

/** Per-call tolerance overrides; the test's own (from its `// @test` line) apply otherwise. */
export interface CheckOptions {
  rtol?: number;
  atol?: number;
  /** A boolean check that is meant to be false on the solution (`assign` refuses a false one otherwise). */
  expect?: false;
}

/** One recorded reference, as the release writes it into a public test cell. */
export interface Reference {
  label: string;
  value: CheckValue;
  rtol: number;
  atol: number;
}

/** The check function, with `check.expect`, which released public test cells call first. */
export interface CheckFunction {
  (label: string, value: unknown, opts?: CheckOptions): void;
  /** Installs the references of a public test (written into the cell by `gradlab assign`). */
  expect(test: string, references: Reference[]): void;
}

let current: { test: string; references: Reference[]; seen: Map<string, number> } | null = null;

function validTolerance(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) throw new Error(messages.badTolerance(name, value));
  return value;
}

/** The key a label's n-th call in one test is recorded under (a check in a loop repeats its label). */
export function occurrenceKey(label: string, n: number): string {
  return n === 0 ? label : `${label} #${n + 1}`;
}

function studentCheck(label: string, value: CheckValue, opts: CheckOptions): void {
  if (current === null) {
    console.log(messages.noReference(label, []));
    return;
  }
  const n = current.seen.get(label) ?? 0;
  current.seen.set(label, n + 1);
  const key = occurrenceKey(label, n);
  const reference = current.references.find((r) => r.label === key);
  if (reference === undefined) {
    console.log(messages.noReference(key, current.references.map((r) => r.label)));
    return;
  }
  const tol: Tolerance = { rtol: opts.rtol ?? reference.rtol, atol: opts.atol ?? reference.atol };
  console.log(checkLine(key, reference.value, value, compareValues(reference.value, value, tol)));
}

/**
 * Compares `value` with the reference recorded for `label` by the instructor's solution.
 * Default tolerances: rtol 1e-6, atol 1e-9 (numbers pass when |got − expected| ≤ atol + rtol·|expected|).
 * @example check("gradient at (1, 2)", gradF(1, 2), { rtol: 1e-4 })
 */
export const check: CheckFunction = Object.assign(
  function check(label: string, value: unknown, opts: CheckOptions = {}): void {
    if (typeof label !== "string" || label === "") throw new Error(messages.badLabel(label));
    const tol = { rtol: validTolerance("rtol", opts.rtol), atol: validTolerance("atol", opts.atol) };
    let normalised: CheckValue;
    try {
      normalised = toCheckValue(value);
    } catch (err) {
      normalised = { kind: "unsupported", description: `a value that threw while being read (${String(err)})` };
    }
    if (grading()) sendCheck(label, normalised, opts.expect === false ? { ...tol, expect: false } : tol);
    else studentCheck(label, normalised, tol);
  },
  {
    expect(test: string, references: Reference[]): void {
      current = { test, references, seen: new Map() };
    },
  },
);
Object.freeze(check);
rememberCheck(check);

export { defaultTolerance, type Tolerance };
