import { createHash } from "node:crypto";
import * as path from "node:path";
import { writeFileAtomic } from "../files";
import type { SubmissionResult } from "../results";
import { gradesCsv } from "./csv";
import { feedbackHtml } from "./feedback-html";
import { gradescopeResults } from "./gradescope";
import { studentView } from "./student-view";

// Every report file of a batch, each written atomically (temp file + rename).

// Each folder of a submission's name kept, each part percent-encoded: distinct names give distinct files.
const encoded = (id: string): string => id.replace(/\.ipynb$/i, "").split(/[\\/]/).map((part) => encodeURIComponent(part)).join("/");

/** The feedback file names of submissions (relative to feedback/), distinct even on a case-insensitive disk. */
export function feedbackNames(ids: string[]): Map<string, string> {
  const lower = new Map<string, number>();
  for (const id of ids) lower.set(encoded(id).toLowerCase(), (lower.get(encoded(id).toLowerCase()) ?? 0) + 1);
  return new Map(ids.map((id) => {
    const name = encoded(id);
    const unique = lower.get(name.toLowerCase())! > 1 ? `${name}-${createHash("sha256").update(id).digest("hex").slice(0, 8)}` : name;
    return [id, `${unique}.html`];
  }));
}

/** Write grades.csv, results.jsonl (the TA's record), feedback/*.html and optionally results.json (Gradescope). */
export function writeReports(outDir: string, results: SubmissionResult[], testIds: string[], gradescope: boolean): string[] {
  const written: string[] = [];
  const put = (file: string, text: string): void => {
    writeFileAtomic(file, text);
    written.push(file);
  };
  put(path.join(outDir, "grades.csv"), gradesCsv(results, testIds));
  put(path.join(outDir, "results.jsonl"), results.map((r) => JSON.stringify(r)).join("\n") + "\n");
  const names = feedbackNames(results.map((r) => r.submission));
  for (const r of results) put(path.join(outDir, "feedback", names.get(r.submission)!), feedbackHtml(studentView(r)));
  if (gradescope) put(path.join(outDir, "results.json"), JSON.stringify(gradescopeResults(studentView(results[0])), null, 2) + "\n");
  return written;
}
