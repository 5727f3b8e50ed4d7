import { roundPoints } from "../grading/partial";
import type { SubmissionResult } from "../results";

// A submission's score: its tests' points, plus the TA's scores of its free-text answers, less what
// lateness takes (a fraction per started day late, of that sum), in hundredths.

/** The record with `score` (and the late deduction) recomputed from its parts. */
export function withTotal(r: SubmissionResult): SubmissionResult {
  const earned = r.autoScore + r.manual.reduce((s, m) => s + (m.points ?? 0), 0);
  const late = r.late && { ...r.late, deducted: roundPoints(earned * Math.min(1, r.late.daysLate * r.late.penaltyPerDay)) };
  return { ...r, late, score: roundPoints(earned - (late?.deducted ?? 0)) };
}
