// The results record: plain, versioned JSON — the only thing reports (CSV, JSONL, feedback HTML,
// Gradescope) are built from, so a report can be regenerated from results.jsonl alone.

/** Bump when the layout changes. */
export const RESULTS_VERSION = 1;

/** One check of one test. */
export interface CheckResult {
  label: string;
  passed: boolean;
  maxAbsError: number | null;
  maxRelError: number | null;
  shape: number[] | null;
  /** ✓/✗ line; for hidden tests it never contains the reference value. */
  message: string;
}

/** One test of one submission. */
export interface TestResult {
  id: string;
  hidden: boolean;
  points: number;
  maxPoints: number;
  passed: boolean;
  /** passed, failed (a check did not match), error (the test threw), timeout, crashed, harness (tampered). */
  status: "passed" | "failed" | "error" | "timeout" | "crashed" | "harness";
  /** Why it did not pass, for people. */
  error: string | null;
  checks: CheckResult[];
  ms: number;
}

/** One student cell's timing and fate. */
export interface CellTiming {
  cell: string;
  status: "ok" | "error" | "timeout" | "crashed";
  ms: number;
  error: string | null;
}

/** Everything about one graded submission. */
export interface SubmissionResult {
  version: typeof RESULTS_VERSION;
  /** The submission's file name. */
  submission: string;
  path: string;
  sha256: string;
  assignment: string;
  bundleSha256: string;
  score: number;
  maxScore: number;
  /** graded: it ran (whatever the score); invalid: not a notebook; error: the grader itself failed. */
  status: "graded" | "invalid" | "error";
  errors: string[];
  notes: string[];
  tests: TestResult[];
  cells: CellTiming[];
  timings: { totalMs: number; restarts: number };
  versions: { gradlab: string; node: string };
}
