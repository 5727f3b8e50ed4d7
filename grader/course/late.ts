import * as fs from "node:fs";
import * as path from "node:path";
import { courseMsg } from "../messages";
import type { SubmissionResult } from "../results";
import { readCsv } from "./csv-input";
import type { RosterEntry } from "./roster";

// `grade … --due DATE --late-penalty P [--timestamps FILE]`: a submission after its due date (the
// roster's `due` for that student, else DATE) loses P of its score per started day late (0.1: 10%
// a day, never below 0). When it was submitted comes from --timestamps (columns submission or
// student, and timestamp, ISO 8601), else from nbgrader's timestamp.txt beside the submission.

/** The late policy of a batch. */
export interface LatePolicy {
  due: string;
  penaltyPerDay: number;
  timestamps: string | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function timestampsFrom(file: string | null): Map<string, string> {
  if (file === null) return new Map();
  const rows = readCsv(file, "timestamps", ["timestamp"]);
  return new Map(rows.map((row) => {
    const key = row.get("submission") || row.get("student");
    if (key === "" || Number.isNaN(Date.parse(row.get("timestamp")))) throw new Error(courseMsg.badTimestamp(file, row.line));
    return [key, row.get("timestamp")];
  }));
}

function nbgraderTimestamp(r: SubmissionResult): string | null {
  const file = path.join(path.dirname(r.path), "timestamp.txt");
  if (!fs.existsSync(file)) return null;
  const text = fs.readFileSync(file, "utf8").trim();
  if (Number.isNaN(Date.parse(text))) throw new Error(courseMsg.badTimestampTxt(file, text));
  return text;
}

/** The results with their lateness; every graded submission needs a timestamp. */
export function applyLateness(results: SubmissionResult[], policy: LatePolicy, roster: RosterEntry[]): SubmissionResult[] {
  const stamps = timestampsFrom(policy.timestamps);
  const dues = new Map(roster.filter((e) => e.due !== null).map((e) => [e.student, e.due!]));
  const unknown: string[] = [];
  const out = results.map((r) => {
    if (r.status === "missing") return r;
    const submittedAt = stamps.get(r.submission) ?? (r.student !== null ? stamps.get(r.student) : undefined) ?? nbgraderTimestamp(r);
    if (submittedAt == null) {
      unknown.push(r.submission);
      return r;
    }
    const due = (r.student !== null && dues.get(r.student)) || policy.due;
    const daysLate = Math.max(0, Math.ceil((Date.parse(submittedAt) - Date.parse(due)) / DAY_MS));
    return { ...r, late: daysLate > 0 ? { submittedAt, due, daysLate, penaltyPerDay: policy.penaltyPerDay, deducted: 0 } : null };
  });
  if (unknown.length > 0) throw new Error(courseMsg.noTimestamp(unknown, policy.timestamps));
  return out;
}
