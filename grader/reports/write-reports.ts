import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Bundle } from "../bundle";
import { writeFileAtomic } from "../files";
import type { SubmissionResult } from "../results";
import { gradesCsv } from "./csv";
import { feedbackHtml } from "./feedback-html";
import { gradescopeResults } from "./gradescope";
import { manualPage, manualScoresCsv } from "./manual-pages";
import { studentView, type Visibility } from "./student-view";

// Every report file of a batch, each written atomically (temp file + rename), from the merged
// results; feedback pages of submissions no longer in the results are removed.

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

/** What the reports show: Gradescope's file for one submission, and whether students see hidden results. */
export interface ReportOptions {
  /** Write results.json for this submission (--format gradescope). */
  gradescope: SubmissionResult | null;
  hiddenVisibility: Visibility;
  /** Hidden results are shown in feedback pages (visible, after_published; after_due_date once due). */
  hiddenShown: boolean;
  student: boolean;
  late: boolean;
}

function removeStale(dir: string, keep: Set<string>, at = dir): void {
  for (const entry of fs.existsSync(at) ? fs.readdirSync(at, { withFileTypes: true }) : []) {
    const full = path.join(at, entry.name);
    if (entry.isDirectory()) removeStale(dir, keep, full);
    else if (entry.name.endsWith(".html") && !keep.has(path.relative(dir, full))) fs.rmSync(full);
  }
}

/** Write grades.csv, results.jsonl (the TA's record), feedback/*.html, manual/ pages and optionally results.json (Gradescope). */
export function writeReports(outDir: string, results: SubmissionResult[], bundle: Bundle, options: ReportOptions): string[] {
  const written: string[] = [];
  const put = (file: string, text: string): void => {
    writeFileAtomic(file, text);
    written.push(file);
  };
  const columns = { tests: bundle.tests.map((t) => t.id), manual: bundle.manual.map((m) => m.id), student: options.student, late: options.late };
  put(path.join(outDir, "grades.csv"), gradesCsv(results, columns));
  put(path.join(outDir, "results.jsonl"), results.map((r) => JSON.stringify(r)).join("\n") + "\n");
  const submitted = results.filter((r) => r.status !== "missing");
  const names = feedbackNames(submitted.map((r) => r.submission));
  const view = { hiddenShown: options.hiddenShown };
  for (const r of submitted) put(path.join(outDir, "feedback", names.get(r.submission)!), feedbackHtml(studentView(r, view)));
  removeStale(path.join(outDir, "feedback"), new Set([...names.values()].map((n) => n.split("/").join(path.sep))));
  for (const q of bundle.manual) put(path.join(outDir, "manual", `${encodeURIComponent(q.id)}.html`), manualPage(bundle, q.id, results));
  if (bundle.manual.length > 0) put(path.join(outDir, "manual", "scores.csv"), manualScoresCsv(bundle, results));
  if (options.gradescope) {
    const v = studentView(options.gradescope, { hiddenShown: true });
    put(path.join(outDir, "results.json"), JSON.stringify(gradescopeResults(v, options.hiddenVisibility), null, 2) + "\n");
  }
  return written;
}
