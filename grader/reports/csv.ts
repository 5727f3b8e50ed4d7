import type { SubmissionResult } from "../results";

// grades.csv: one row per submission, a column per test (points earned), then totals, status and
// how the batch was isolated, so a TA sees which exercise cost the points, not just a total.

// A cell a spreadsheet would run as a formula (= + - @, or a tab / carriage return first) is
// prefixed with ' (OWASP's advice for CSV injection); quoting then follows RFC 4180.
const cell = (v: string | number): string => {
  const raw = String(v);
  const s = typeof v === "string" && /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The isolation column: the sandbox, and what it did not isolate. */
export const isolationCell = (r: SubmissionResult): string =>
  r.isolation.notIsolated.length > 0 ? `${r.isolation.sandbox} (not isolated: ${r.isolation.notIsolated.join(", ")})` : r.isolation.sandbox;

/** The CSV text for these results; `testIds` fixes the column order. */
export function gradesCsv(results: SubmissionResult[], testIds: string[]): string {
  const header = ["submission", ...testIds, "score", "max_score", "status", "isolation"];
  const rows = results.map((r) => {
    const points = testIds.map((id) => r.tests.find((t) => t.id === id)?.points ?? 0);
    return [r.submission, ...points, r.score, r.maxScore, r.status, isolationCell(r)];
  });
  return [header, ...rows].map((row) => row.map(cell).join(",")).join("\n") + "\n";
}
