// check(label, value, opts?): the one function test cells call. With a sink installed (the grader's,
// before any student cell runs) it only hands the normalised value to the sink, which sends it to
// the grading process to be compared there. Otherwise (a student's kernel) it compares with the
// reference its reference source finds for the running test cell and prints a ✓/✗ line.
import { compareValues, defaultTolerance, type Tolerance } from "./compare";
import { messages } from "./messages";
import { checkLine } from "./report";
import { type CheckValue, toCheckValue } from "./values";

/** Per-call tolerance overrides; the test's own (from its `// @test` line) apply otherwise. */
export interface CheckOptions {
  rtol?: number;
  atol?: number;
  /** This check's points in a `partial` test (the test's points are shared equally otherwise). */
  points?: number;
  /** A boolean check that is meant to be false on the solution (`assign` refuses a false one otherwise). */
  expect?: false;
}

/** One recorded reference, as the release stores it in a public test cell's metadata. */
export interface Reference {
  label: string;
  value: CheckValue;
  rtol: number;
  atol: number;
  /** The check's own points (`check(…, { points })`) in a partial test. */
  points?: number;
}

/** Receives every check() call once installed: the label, the normalised value and the call's options. */
export type CheckSink = (label: string, value: CheckValue, tol: CheckOptions) => void;

/** The references of a public test, or why there are none (a sentence for the student). */
export type ReferenceLookup = { references: readonly Reference[] } | { problem: string };

/** Finds a public test's references by test id; the kernel reads them from the notebook file. */
export type ReferenceSource = (test: string) => ReferenceLookup;

let sink: CheckSink | null = null;
let source: ReferenceSource | null = null;
let current: { test: string; seen: Map<string, number> } | null = null;

const directive = /^\s*\/\/\s*@test\s+([A-Za-z][\w.-]*)/;

/**
 * Installs the grader's sink; it cannot be replaced afterwards (the grader installs it before any
 * student cell runs, so a submission cannot redirect its own checks).
 */
export function setCheckSink(next: CheckSink): void {
  if (sink !== null) throw new Error(messages.sinkInstalled);
  sink = next;
}

/** Installs where check() finds references in a student's kernel (the Node kernel, JupyterLite's). */
export function setReferenceSource(next: ReferenceSource | null): void {
  source = next;
}

/** The kernel calls this as each cell starts: a cell whose first line is `// @test ID` checks against test ID. */
export function beginCheckCell(cellSource: string): void {
  const match = directive.exec(cellSource);
  current = match === null ? null : { test: match[1], seen: new Map() };
}

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
    console.log(messages.outsideTest(label));
    return;
  }
  const n = current.seen.get(label) ?? 0;
  current.seen.set(label, n + 1);
  const key = occurrenceKey(label, n);
  const found = source === null ? { problem: messages.noReferenceSource } : source(current.test);
  if ("problem" in found) {
    console.log(messages.noReferences(key, current.test, found.problem));
    return;
  }
  const reference = found.references.find((r) => r.label === key);
  if (reference === undefined) {
    console.log(messages.noReference(key, found.references.map((r) => r.label)));
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
export function check(label: string, value: unknown, opts: CheckOptions = {}): void {
  if (typeof label !== "string" || label === "") throw new Error(messages.badLabel(label));
  const tol = { rtol: validTolerance("rtol", opts.rtol), atol: validTolerance("atol", opts.atol), points: validTolerance("points", opts.points) };
  let normalised: CheckValue;
  try {
    normalised = toCheckValue(value);
  } catch {
    normalised = { kind: "unsupported", description: "a value that threw while being read" };
  }
  if (sink !== null) sink(label, normalised, opts.expect === false ? { ...tol, expect: false } : tol);
  else studentCheck(label, normalised, { rtol: tol.rtol, atol: tol.atol });
}
Object.freeze(check);

export { defaultTolerance, type Tolerance };
