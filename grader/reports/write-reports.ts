import * as path from "node:path";
import { writeFileAtomic } from "../notebook";
import type { SubmissionResult } from "../results";
import { gradesCsv } from "./csv";
import { feedbackHtml } from "./feedback-html";
import { gradescopeResults } from "./gradescope";

// Every report file of a batch, each written atomically (temp file + rename).

/** The feedback file name of a submission: its file name without .ipynb, made path-safe. */
export function feedbackName(submission: string): string {
  return `${submission.replace(/\.ipynb$/i, "").replace(/[^\w.-]+/g, "_")}.html`;
}

/** Write grades.csv, results.jsonl, feedback/*.html and optionally results.json (Gradescope). */
export function writeReports(outDir: string, results: SubmissionResult[], testIds: string[], gradescope: boolean): string[] {
  const written: string[] = [];
  const put = (file: string, text: string): void => {
    writeFileAtomic(file, text);
    written.push(file);
  };
  put(path.join(outDir, "grades.csv"), gradesCsv(results, testIds));
  put(path.join(outDir, "results.jsonl"), results.map((r) => JSON.stringify(r)).join("\n") + "\n");
  for (const r of results) put(path.join(outDir, "feedback", feedbackName(r.submission)), feedbackHtml(r));
  if (gradescope) put(path.join(outDir, "results.json"), JSON.stringify(gradescopeResults(results[0]), null, 2) + "\n");
  return written;
}
