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
  /** Cells that failed, each as one line. */
  cells: string[];
  totalMs: number;
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

function studentTest(t: TestResult): StudentTest {
  const guarded = t.hidden || t.afterHidden;
  const lines = guarded
    ? [category(t), ...t.checks.filter((c) => c.code !== "extra").map(checkLine)]
    : [t.error, ...t.checks.map((c) => c.message)];
  return { id: t.id, hidden: t.hidden, points: t.points, maxPoints: t.maxPoints, passed: t.passed, lines: lines.filter((l): l is string => l !== null && l !== "") };
}

/** The student's view of one results record. */
export function studentView(r: SubmissionResult): StudentView {
  const errors = r.status === "error" ? ["the grader could not grade this submission; your TA has the details"] : r.errors;
  const isolation = r.isolation.notIsolated.length > 0 ? [notIsolatedLine(r.isolation.notIsolated)] : [];
  const notes = [...new Set([...isolation, ...errors, ...r.notes])];
  const cells = r.cells.filter((c) => c.status !== "ok").map((c) => `${c.cell}: ${c.afterHidden ? hiddenMsg.withheld(safeName(c.errorName)) : c.error ?? c.status}`);
  return {
    assignment: r.assignment, submission: r.submission, score: r.score, maxScore: r.maxScore, status: r.status,
    notes, tests: r.tests.map(studentTest), cells, totalMs: r.timings.totalMs,
  };
}
