import type { Bundle } from "../bundle";
import { courseMsg } from "../messages";
import type { SubmissionResult } from "../results";
import { readCsv } from "./csv-input";

// `grade … --manual scores.csv`: the TA's scores of free-text answers, one row per submission and
// question (columns submission, question, points, and optionally comment; the manual/scores.csv a
// batch writes is this file, to fill in). An empty points cell leaves the answer unscored.

/** The results with the CSV's scores and comments on their manual questions. */
export function applyManualScores(results: SubmissionResult[], bundle: Bundle, file: string): SubmissionResult[] {
  const questions = new Map(bundle.manual.map((q) => [q.id, q]));
  const byId = new Map(results.map((r) => [r.submission, r]));
  const scores = new Map<string, Map<string, { points: number | null; comment: string }>>();
  for (const row of readCsv(file, "manual scores", ["submission", "question", "points"])) {
    const [submission, question, raw] = [row.get("submission"), row.get("question"), row.get("points")];
    const q = questions.get(question);
    if (q === undefined) throw new Error(courseMsg.unknownQuestion(file, row.line, question, [...questions.keys()]));
    if (!byId.has(submission)) throw new Error(courseMsg.unknownSubmission(file, row.line, submission));
    const points = raw === "" ? null : Number(raw);
    if (points !== null && !(Number.isFinite(points) && points >= 0 && points <= q.points)) throw new Error(courseMsg.badPoints(file, row.line, raw, q.id, q.points));
    if (!scores.has(submission)) scores.set(submission, new Map());
    scores.get(submission)!.set(question, { points, comment: row.get("comment") });
  }
  return results.map((r) => {
    const given = scores.get(r.submission);
    return given ? { ...r, manual: r.manual.map((m) => ({ ...m, ...given.get(m.id) })) } : r;
  });
}
