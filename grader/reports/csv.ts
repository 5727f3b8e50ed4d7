import type { SubmissionResult } from "../results";

// grades.csv: one row per submission, a column per test (points earned), then totals and status,
// so a TA sees which exercise cost the points, not just a total.

const cell = (v: string | number): string => {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The CSV text for these results; `testIds` fixes the column order. */
export function gradesCsv(results: SubmissionResult[], testIds: string[]): string {
  const header = ["submission", ...testIds, "score", "max_score", "status"];
  const rows = results.map((r) => {
    const points = testIds.map((id) => r.tests.find((t) => t.id === id)?.points ?? 0);
    return [r.submission, ...points, r.score, r.maxScore, r.status];
  });
  return [header, ...rows].map((row) => row.map(cell).join(",")).join("\n") + "\n";
}
