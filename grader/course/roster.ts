import * as path from "node:path";
import type { Bundle } from "../bundle";
import { emptyResult } from "../grading/grade-one";
import { courseMsg } from "../messages";
import type { Isolation, SubmissionResult } from "../results";
import { readCsv } from "./csv-input";

// `grade … --roster roster.csv`: the class list (a `student` column; an optional `due` column gives
// one student an extension). A submission belongs to the student whose id is its folder
// (`alice/hw.ipynb`) or its file name (`alice.ipynb`); every roster student without a submission
// gets a row with status missing, and a submission that is no student's is named in a warning.

/** One roster line. */
export interface RosterEntry {
  student: string;
  /** This student's own due date (an extension), ISO 8601, or null. */
  due: string | null;
}

/** The roster's students, in file order. */
export function readRoster(file: string): RosterEntry[] {
  const seen = new Set<string>();
  return readCsv(file, "roster", ["student"]).map((row) => {
    const student = row.get("student");
    const due = row.get("due");
    if (student === "" || seen.has(student)) throw new Error(courseMsg.badStudent(file, row.line, student));
    if (due !== "" && Number.isNaN(Date.parse(due))) throw new Error(courseMsg.badDate(file, row.line, due));
    seen.add(student);
    return { student, due: due === "" ? null : due };
  });
}

/** The roster student a submission id belongs to, or null. */
export function studentOf(submission: string, students: ReadonlySet<string>): string | null {
  const first = submission.split(/[\\/]/)[0];
  const stem = path.basename(submission).replace(/\.ipynb$/i, "");
  return students.has(first) && first !== path.basename(submission) ? first : students.has(stem) ? stem : null;
}

/** The results with their students, plus a missing row per roster student without a submission. */
export function applyRoster(results: SubmissionResult[], roster: RosterEntry[], bundle: Bundle, isolation: Isolation, log: (line: string) => void): SubmissionResult[] {
  const students = new Set(roster.map((e) => e.student));
  const graded = results.filter((r) => r.status !== "missing").map((r) => ({ ...r, student: studentOf(r.submission, students) }));
  const strangers = graded.filter((r) => r.student === null).map((r) => r.submission);
  if (strangers.length > 0) log(courseMsg.notOnRoster(strangers));
  const submitted = new Set(graded.map((r) => r.student));
  const missing = roster.filter((e) => !submitted.has(e.student)).map((e): SubmissionResult => ({
    ...emptyResult({ file: "", id: "" }, bundle, "", "", isolation), student: e.student, status: "missing", errors: [courseMsg.noSubmission],
  }));
  return [...graded, ...missing];
}
