import type { SubmissionResult } from "../results";

// grades.csv: one row per submission, a column per test and per free-text question (points earned;
// empty while a question is not scored), then totals, status and how the batch was isolated, so a
// TA sees which exercise cost the points, not just a total. With a roster, a student column; with a
// due date, the days late and the points they cost.

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

/** The columns of grades.csv besides totals. */
export interface CsvColumns {
  tests: string[];
  manual: string[];
  student: boolean;
  late: boolean;
}

/** The CSV text for these results. */
export function gradesCsv(results: SubmissionResult[], columns: CsvColumns): string {
  const header = [
    "submission", ...(columns.student ? ["student"] : []), ...columns.tests, ...columns.manual,
    ...(columns.late ? ["days_late", "late_deduction"] : []), "score", "max_score", "status", "isolation",
  ];
  const rows = results.map((r) => {
    const points = columns.tests.map((id) => r.tests.find((t) => t.id === id)?.points ?? 0);
    const manual = columns.manual.map((id) => r.manual.find((m) => m.id === id)?.points ?? "");
    const late = columns.late ? [r.late?.daysLate ?? 0, r.late?.deducted ?? 0] : [];
    return [r.submission, ...(columns.student ? [r.student ?? ""] : []), ...points, ...manual, ...late, r.score, r.maxScore, r.status, isolationCell(r)];
  });
  return [header, ...rows].map((row) => row.map(cell).join(",")).join("\n") + "\n";
}
