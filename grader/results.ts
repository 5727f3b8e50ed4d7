import type { ComparisonCode } from "../src/check/compare";
import type { StopReason } from "./grading/execute";

// The results record: plain, versioned JSON — the only thing reports (CSV, JSONL, feedback HTML,
// Gradescope) are built from, so a report can be regenerated from results.jsonl alone. It is the
// TA's record and keeps full detail of hidden tests; what students see is projected from it by
// reports/student-view.ts.

/** Bump when the layout changes. */
export const RESULTS_VERSION = 3;

/** Every record says whom it is for. */
export const TA_NOTICE = "TA record, not for students: hidden-test details (values, errors, the submission's output). Students get feedback/*.html or results.json.";

/** Why a check passed or failed: a comparison code, or what happened to the check call. */
export type CheckCode = ComparisonCode | "missing" | "not-reached" | "extra";

/** One check of one test. */
export interface CheckResult {
  label: string;
  passed: boolean;
  code: CheckCode;
  maxAbsError: number | null;
  maxRelError: number | null;
  shape: number[] | null;
  /** ✓/✗ line; for hidden tests the TA's detail (it may hold numbers derived from the reference). */
  message: string;
  /** In a partial test: the points this check earned and could earn (null otherwise). */
  points: number | null;
  maxPoints: number | null;
}

/**
 * passed; failed (a check did not match); error (the test threw); timeout; crashed (the process died);
 * harness (the grading harness was modified during it); froze (built-ins it patched could not be
 * restored); violated (the process broke the protocol); not-run (the run stopped before it).
 */
export type TestStatus = "passed" | "failed" | "error" | "timeout" | "crashed" | "harness" | "froze" | "violated" | "not-run";

/** One test of one submission. */
export interface TestResult {
  id: string;
  hidden: boolean;
  /** Points per passing check (the checks carry them), not all or nothing. */
  partial: boolean;
  points: number;
  maxPoints: number;
  passed: boolean;
  status: TestStatus;
  /** Why it did not pass, for the TA (for hidden tests it may quote the submission's error). */
  error: string | null;
  /** The name of the error the test stopped with (a student sees only a known name). */
  errorName: string | null;
  checks: CheckResult[];
  ms: number;
  /** It ran after a hidden test had run in the same run, so its texts from the notebook are withheld from students. */
  afterHidden: boolean;
}

/** One student cell's timing and fate. */
export interface CellTiming {
  cell: string;
  status: "ok" | "error" | "timeout" | "crashed" | "violated";
  ms: number;
  error: string | null;
  errorName: string | null;
  /** It ran after a hidden test had run in the same run, so its texts are withheld from students. */
  afterHidden: boolean;
}

/** A free-text answer (`<!-- @manual ID points=N -->`) and the TA's score for it. */
export interface ManualResult {
  id: string;
  maxPoints: number;
  /** The student's answer (the cell without its directive line); null when the cell is missing. */
  answer: string | null;
  /** The answer is the release's text, unchanged. */
  unanswered: boolean;
  /** The TA's score (`grade --manual scores.csv`); null until scored. */
  points: number | null;
  comment: string;
}

/** A submission after its due date (`grade --due … --late-penalty …`). */
export interface Lateness {
  submittedAt: string;
  due: string;
  /** Started days after the due date (1 second late is 1 day). */
  daysLate: number;
  /** Fraction of the score taken per day late. */
  penaltyPerDay: number;
  /** Points taken off the score. */
  deducted: number;
}

/** How the submissions were isolated. */
export interface Isolation {
  sandbox: string;
  /** What was not isolated; every report of the batch says so when this is not empty. */
  notIsolated: string[];
}

/** Everything about one graded submission. */
export interface SubmissionResult {
  version: typeof RESULTS_VERSION;
  notice: typeof TA_NOTICE;
  /** The submission's path relative to the argument it was found under (`alice/hw.ipynb`), unique in the batch. */
  submission: string;
  path: string;
  sha256: string;
  assignment: string;
  bundleSha256: string;
  /** The roster's student this submission is from (`grade --roster`), or null. */
  student: string | null;
  /** Tests' points + manual scores − late deduction, in hundredths. */
  score: number;
  /** Tests' and manual questions' points. */
  maxScore: number;
  /** The tests' points alone. */
  autoScore: number;
  manual: ManualResult[];
  late: Lateness | null;
  /**
   * graded: it ran (whatever the score); invalid: not a notebook (or not a regular file); error: the
   * grader itself failed; missing: a roster student with no submission.
   */
  status: "graded" | "invalid" | "error" | "missing";
  errors: string[];
  notes: string[];
  tests: TestResult[];
  cells: CellTiming[];
  timings: { totalMs: number; restarts: number };
  /** Why grading stopped before the end of the notebook, if it did. */
  stopped: StopReason | null;
  isolation: Isolation;
  versions: { gradlab: string; node: string };
}
