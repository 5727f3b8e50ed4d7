import * as fs from "node:fs";
import * as path from "node:path";
import { courseMsg } from "../messages";
import { RESULTS_VERSION, type SubmissionResult } from "../results";

// Regrading one student into an existing --out folder keeps the batch: the folder's results.jsonl
// is read back and merged by submission — this run's results replace earlier ones of the same
// submissions, every other row is kept as it was. A regraded submission keeps the TA's manual
// scores of answers that did not change, its student and its lateness.

/** The key a row is merged by: the submission, or the student for a missing one. */
export const rowKey = (r: SubmissionResult): string => (r.status === "missing" ? `student:${r.student}` : r.submission);

/** The earlier results of `outDir` (none when it has no results.jsonl). */
export function previousResults(outDir: string, assignment: string): SubmissionResult[] {
  const file = path.join(outDir, "results.jsonl");
  if (!fs.existsSync(file)) return [];
  const rows = fs.readFileSync(file, "utf8").split("\n").filter((l) => l.trim() !== "").map((line, i) => {
    try {
      return JSON.parse(line) as SubmissionResult;
    } catch {
      throw new Error(courseMsg.badPrevious(file, i + 1));
    }
  });
  const other = rows.find((r) => r.assignment !== assignment);
  if (other) throw new Error(courseMsg.otherAssignment(outDir, other.assignment, assignment));
  if (rows.some((r) => r.version !== RESULTS_VERSION)) throw new Error(courseMsg.oldResults(outDir, RESULTS_VERSION));
  return rows;
}

/**
 * Earlier rows, with this run's results replacing those of the same submissions (in earlier order,
 * new ones last). A file graded before keeps its earlier name, however it is named now
 * (`grade … subs/bob` names it `hw.ipynb`, the batch named it `bob/hw.ipynb`).
 */
export function mergeResults(previous: SubmissionResult[], fresh: SubmissionResult[]): SubmissionResult[] {
  const before = new Map(previous.map((r) => [rowKey(r), r]));
  const byPath = new Map(previous.filter((r) => r.status !== "missing").map((r) => [r.path, r.submission]));
  const renamed = fresh.map((r) => (byPath.has(r.path) ? { ...r, submission: byPath.get(r.path)! } : r));
  const carried = renamed.map((r): SubmissionResult => {
    const old = before.get(rowKey(r));
    if (old === undefined) return r;
    const manual = r.manual.map((m) => {
      const was = old.manual.find((o) => o.id === m.id && o.answer === m.answer);
      return was ? { ...m, points: was.points, comment: was.comment } : m;
    });
    return { ...r, manual, student: r.student ?? old.student, late: r.late ?? old.late };
  });
  const now = new Map(carried.map((r) => [rowKey(r), r]));
  const submitted = new Set<string | null>(carried.map((r) => r.student).filter((s) => s !== null));
  const kept = previous.filter((r) => !(r.status === "missing" && submitted.has(r.student))).map((r) => now.get(rowKey(r)) ?? r);
  return [...kept, ...carried.filter((r) => !before.has(rowKey(r)))];
}
