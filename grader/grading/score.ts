import type { BundleTest } from "../bundle";
import { type Comparison, compareValues } from "../../src/check/compare";
import { occurrenceKey, type Reference } from "../../src/check/index";
import { messages } from "../../src/check/messages";
import { checkLine } from "../../src/check/report";
import type { CheckMessage } from "../../src/check/grading";
import type { CheckResult, TestResult } from "../results";
import type { TestRun } from "./execute";

// Scores one test in the grading process: each reference from the bundle against the value the
// submission sent under the same label (n-th call of a label against the n-th reference), with the
// bundle's tolerances — never the tolerances or anything else the submission's process claims.

function hiddenLine(label: string, passed: boolean, abs: number | null, rel: number | null, reason: string): string {
  if (passed) return messages.passLine(label, "");
  const mismatch = reason.startsWith("shape") || reason.includes("expected") ? "the value does not match the reference" : reason;
  return messages.failLine(label, abs === null ? mismatch : `${mismatch}; ${messages.errors(abs, rel)}`);
}

function keyed(checks: CheckMessage[]): Map<string, CheckMessage> {
  const seen = new Map<string, number>();
  const out = new Map<string, CheckMessage>();
  for (const c of checks) {
    const n = seen.get(c.label) ?? 0;
    seen.set(c.label, n + 1);
    out.set(occurrenceKey(c.label, n), c);
  }
  return out;
}

/** The scored result of a test run. */
export function scoreTest(test: BundleTest, run: TestRun | undefined): TestResult {
  const base = { id: test.id, hidden: test.hidden, maxPoints: test.points, ms: run?.ms ?? 0 };
  if (run === undefined) return { ...base, points: 0, passed: false, status: "error", error: "the test did not run", checks: [] };
  const received = keyed(run.checks);
  const stopped = run.error !== null || run.status !== "ok";
  const checks: CheckResult[] = test.references.map((ref) => {
    const got = received.get(ref.label);
    received.delete(ref.label);
    if (got === undefined) {
      return { label: ref.label, passed: false, maxAbsError: null, maxRelError: null, shape: null, message: messages.failLine(ref.label, stopped ? messages.notReached : messages.missingCheck(ref.label)) };
    }
    const c = safeCompare(ref, got);
    const message = test.hidden ? hiddenLine(ref.label, c.passed, c.maxAbsError, c.maxRelError, c.reason) : checkLine(ref.label, ref.value, got.value, c);
    return { label: ref.label, passed: c.passed, maxAbsError: c.maxAbsError, maxRelError: c.maxRelError, shape: c.shape, message };
  });
  for (const extra of received.keys()) {
    checks.push({ label: extra, passed: false, maxAbsError: null, maxRelError: null, shape: null, message: messages.failLine(extra, messages.extraCheck(extra)) });
  }
  const error = runError(run);
  const passed = error === null && checks.every((c) => c.passed);
  const status = run.status === "ok" ? (passed ? "passed" : "failed") : run.status === "harness" ? "harness" : run.status;
  return { ...base, points: passed ? test.points : 0, passed, status, error, checks };
}

// The received value comes from an untrusted process: a malformed record fails, it cannot crash grading.
function safeCompare(ref: Reference, got: CheckMessage): Comparison {
  try {
    return compareValues(ref.value, got.value, { rtol: ref.rtol, atol: ref.atol });
  } catch {
    return { passed: false, maxAbsError: null, maxRelError: null, shape: null, reason: "the value received from the notebook is malformed" };
  }
}

function runError(run: TestRun): string | null {
  if (run.status === "harness") return "the test could not start in the submission's process (the grading hooks were tampered with)";
  if (run.unrestored.length > 0) return `the submission froze patched built-ins (${run.unrestored.slice(0, 5).join(", ")}), so the test cannot run fairly`;
  if (run.error !== null) return `${run.error.ename}: ${run.error.evalue}`;
  return null;
}
