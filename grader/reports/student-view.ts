import { hiddenMsg, notIsolatedLine } from "../messages";
import type { CheckResult, SubmissionResult, TestResult } from "../results";

// What a student may see of a results record — the only input of feedback/*.html and Gradescope's
// results.json. A hidden test shows pass/fail and a category per check (wrong value, wrong shape,
// NaN, …) or per test (error of type X, timed out, not reached): never its code, a number derived
// from its reference, or a text the submission's process produced. The same holds for every test and
// cell that ran after a hidden test (the process had seen that test's code by then); public tests
// before it show their full ✓/✗ lines, as `gradlab check` does.

/** A test as the student sees it. */
export interface StudentTest {
  id: string;
  hidden: boolean;
  points: number;
  maxPoints: number;
  passed: boolean;
  /** The reason it did not pass and one line per check. */
  lines: string[];
  /** A hidden test whose result is not released yet (--hidden-visibility): only its id and points are shown. */
  withheld: boolean;
}

/** A free-text question as the student sees it. */
export interface StudentManual {
  id: string;
  maxPoints: number;
  /** null until the TA scored it. */
  points: number | null;
  comment: string;
}

/** A submission as the student sees it. */
export interface StudentView {
  assignment: string;
  submission: string;
  score: number;
  maxScore: number;
  status: string;
  notes: string[];
  tests: StudentTest[];
  manual: StudentManual[];
  /** The late deduction, as a sentence, or null. */
  late: string | null;
  /** Cells that failed, each as one line. */
  cells: string[];
  totalMs: number;
  /** Hidden results are not released yet: the total is withheld too. */
  withheld: boolean;
}

/** When students may see hidden tests' results: Gradescope's visibility values. */
export type Visibility = "hidden" | "after_due_date" | "after_published" | "visible";

/** Which results a report shows: `hiddenShown` false withholds hidden tests and the total. */
export interface ViewOptions {
  hiddenShown: boolean;
}

// Error names a student may see; anything else a process reports is shown as "Error".
const knownNames = new Set([
  "Error", "TypeError", "RangeError", "ReferenceError", "SyntaxError", "EvalError", "URIError", "AggregateError",
  "TypeScriptError", "TimeoutError", "MemoryError", "ProcessDied", "KeyboardInterrupt", "ProtocolError", "OutputError",
]);

/** An error name from a process, as a student may see it. */
export const safeName = (name: string | null): string => (name !== null && knownNames.has(name) ? name : "Error");

function category(t: TestResult): string | null {
  switch (t.status) {
    case "passed":
    case "failed":
      return null;
    case "error":
      return hiddenMsg.errorOfType(safeName(t.errorName));
    case "timeout":
      return hiddenMsg.timeout;
    case "crashed":
      return hiddenMsg.crashed;
    case "harness":
      return hiddenMsg.harness;
    case "froze":
      return hiddenMsg.froze;
    case "violated":
      return hiddenMsg.violated;
    case "not-run":
      return t.error;
  }
}

const checkLine = (c: CheckResult): string => (c.passed ? `✓ ${c.label}` : `✗ ${c.label}: ${hiddenMsg.check[c.code]}`);
const withPoints = (line: string, c: CheckResult): string => (c.maxPoints === null ? line : `${line} ${hiddenMsg.checkPoints(c.points ?? 0, c.maxPoints)}`);

function studentTest(t: TestResult, options: ViewOptions): StudentTest {
  const withheld = t.hidden && !options.hiddenShown;
  const guarded = t.hidden || t.afterHidden;
  const lines = withheld ? [hiddenMsg.releasedLater]
    : guarded ? [category(t), ...t.checks.filter((c) => c.code !== "extra").map((c) => withPoints(checkLine(c), c))]
    : [t.error, ...t.checks.map((c) => withPoints(c.message, c))];
  return {
    id: t.id, hidden: t.hidden, points: withheld ? 0 : t.points, maxPoints: t.maxPoints, passed: !withheld && t.passed, withheld,
    lines: lines.filter((l): l is string => l !== null && l !== ""),
  };
}

/** The student's view of one results record. */
export function studentView(r: SubmissionResult, options: ViewOptions = { hiddenShown: true }): StudentView {
  const errors = r.status === "error" ? ["the grader could not grade this submission; your TA has the details"] : r.errors;
  const isolation = r.isolation.notIsolated.length > 0 ? [notIsolatedLine(r.isolation.notIsolated)] : [];
  const notes = [...new Set([...isolation, ...errors, ...r.notes])];
  const cells = r.cells.filter((c) => c.status !== "ok").map((c) => `${c.cell}: ${c.afterHidden ? hiddenMsg.withheld(safeName(c.errorName)) : c.error ?? c.status}`);
  const tests = r.tests.map((t) => studentTest(t, options));
  const withheld = tests.some((t) => t.withheld);
  return {
    assignment: r.assignment, submission: r.submission, score: r.score, maxScore: r.maxScore, status: r.status,
    notes, tests, cells, totalMs: r.timings.totalMs, withheld,
    manual: r.manual.map((m) => ({ id: m.id, maxPoints: m.maxPoints, points: m.points, comment: m.comment })),
    late: r.late && hiddenMsg.late(r.late.daysLate, r.late.penaltyPerDay, r.late.deducted),
  };
}
