import type { BundleTest } from "../bundle";
import { type Comparison, compareValues, malformed } from "../../src/check/compare";
import { occurrenceKey, type Reference } from "../../src/check/index";
import { messages } from "../../src/check/messages";
import { checkLine } from "../../src/check/report";
import { scoreMsg } from "../messages";
import type { CheckResult, TestResult } from "../results";
import type { StopReason, TestRun } from "./execute";
import { checkPoints, roundPoints } from "./partial";
import type { ReceivedCheck } from "./test-code";

// Scores one test in the grading process: each reference from the bundle against the value the
// submission sent under the same label (n-th call of a label against the n-th reference), with the
// bundle's tolerances — never the tolerances or anything else the submission's process claims. Every
// check and test carries a code; the student-facing reports are built from codes (reports/student-view.ts).

function keyed(checks: ReceivedCheck[]): Map<string, ReceivedCheck> {
  const seen = new Map<string, number>();
  const out = new Map<string, ReceivedCheck>();
  for (const c of checks) {
    const n = seen.get(c.label) ?? 0;
    seen.set(c.label, n + 1);
    out.set(occurrenceKey(c.label, n), c);
  }
  return out;
}

// The received value comes from an untrusted process: a malformed record fails, it cannot crash grading.
function compare(ref: Reference, got: ReceivedCheck): Comparison {
  if (got.problem !== undefined) return malformed(scoreMsg.malformedValue(got.problem));
  try {
    return compareValues(ref.value, got.value, { rtol: ref.rtol, atol: ref.atol });
  } catch {
    return malformed(scoreMsg.malformedValue("it could not be compared"));
  }
}

function scoreCheck(test: BundleTest, ref: Reference, got: ReceivedCheck | undefined, stopped: boolean): CheckResult {
  const none = { label: ref.label, passed: false, maxAbsError: null, maxRelError: null, shape: null, points: null, maxPoints: null };
  if (got === undefined) {
    const code = stopped ? "not-reached" : "missing";
    return { ...none, code, message: messages.failLine(ref.label, stopped ? messages.notReached : messages.missingCheck(ref.label)) };
  }
  const c = compare(ref, got);
  const message = test.hidden ? scoreMsg.hiddenDetail(ref.label, c) : checkLine(ref.label, ref.value, got.value, c);
  return { label: ref.label, passed: c.passed, code: c.code, maxAbsError: c.maxAbsError, maxRelError: c.maxRelError, shape: c.shape, message, points: null, maxPoints: null };
}

// A partial test's checks carry their points; it earns those of its passing checks unless it ran
// under a modified harness (then nothing it sent can be trusted).
function partialCredit(test: BundleTest, checks: CheckResult[], trusted: boolean): number {
  const shares = checkPoints(test, test.references);
  let earned = 0;
  checks.forEach((c, i) => {
    if (i >= shares.length) return;
    c.maxPoints = roundPoints(shares[i]);
    c.points = c.passed && trusted ? c.maxPoints : 0;
    if (c.passed && trusted) earned += shares[i];
  });
  return roundPoints(Math.min(test.points, earned));
}

/** The scored result of a test run; `stopped` says why a test that never ran did not. */
export function scoreTest(test: BundleTest, run: TestRun | undefined, stopped: StopReason | null = null): TestResult {
  const base = { id: test.id, hidden: test.hidden, partial: test.partial, maxPoints: test.points, ms: run?.ms ?? 0, points: 0, passed: false, afterHidden: run?.afterHidden ?? false };
  if (run === undefined) {
    const reason = scoreMsg.notRun(stopped);
    const checks = test.references.map((ref): CheckResult => ({ label: ref.label, passed: false, code: "not-reached", maxAbsError: null, maxRelError: null, shape: null, message: messages.failLine(ref.label, reason), points: null, maxPoints: null }));
    if (test.partial) partialCredit(test, checks, false);
    return { ...base, status: "not-run", error: reason, errorName: null, checks };
  }
  const received = keyed(run.checks);
  const ended = run.error !== null || run.status !== "ok";
  const checks = test.references.map((ref) => {
    const got = received.get(ref.label);
    received.delete(ref.label);
    return scoreCheck(test, ref, got, ended);
  });
  for (const extra of received.keys()) {
    checks.push({ label: extra, passed: false, code: "extra", maxAbsError: null, maxRelError: null, shape: null, message: messages.failLine(extra, messages.extraCheck(extra)), points: null, maxPoints: null });
  }
  const error = runError(run);
  const passed = error === null && checks.every((c) => c.passed);
  const froze = run.unrestored.length > 0 && (run.status === "ok" || run.status === "error");
  const status = froze ? "froze" : run.status === "ok" ? (passed ? "passed" : "failed") : run.status;
  const trusted = !froze && run.status !== "harness" && run.status !== "violated";
  const points = passed ? test.points : test.partial ? partialCredit(test, checks, trusted) : 0;
  if (passed && test.partial) partialCredit(test, checks, true);
  return { ...base, points, passed, status, error, errorName: run.error?.ename ?? null, checks };
}

function runError(run: TestRun): string | null {
  if (run.status === "harness") return scoreMsg.harnessModified(run.modified);
  if (run.unrestored.length > 0) return scoreMsg.froze(run.unrestored);
  if (run.error !== null) return `${run.error.ename}: ${run.error.evalue}`;
  return null;
}
