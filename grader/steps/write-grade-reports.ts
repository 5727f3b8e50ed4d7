import { notIsolatedLine } from "../messages";
import { courseMsg } from "../messages";
import type { Step } from "../pipeline";
import { writeReports } from "../reports/write-reports";
import type { GradeContext } from "./grade-context";

/** Writes grades.csv, results.jsonl, feedback/, manual/ (and results.json for Gradescope) and prints a summary. */
export const writeGradeReports: Step<GradeContext> = {
  name: "write reports",
  needs: ["results", "report", "bundle", "outDir"],
  gives: ["written"],
  run(ctx) {
    const visibility = ctx.hiddenVisibility ?? "after_published";
    const due = ctx.late !== undefined && Date.now() > Date.parse(ctx.late.due);
    const report = ctx.report!;
    ctx.written = writeReports(ctx.outDir, report, ctx.bundle!, {
      gradescope: ctx.gradescope ? report.find((r) => r.path === ctx.results![0]?.path) ?? null : null,
      hiddenVisibility: visibility,
      hiddenShown: visibility === "visible" || visibility === "after_published" || (visibility === "after_due_date" && due),
      student: ctx.rosterFile !== undefined || report.some((r) => r.student !== null),
      late: ctx.late !== undefined || report.some((r) => r.late !== null),
    });
    const graded = ctx.results!;
    const mine = new Set(graded.map((r) => r.path));
    // The mean of what grades.csv says for this run's submissions: late deductions and manual scores applied.
    const rows = report.filter((r) => mine.has(r.path) && r.status !== "missing");
    const mean = rows.reduce((s, r) => s + r.score, 0) / Math.max(1, rows.length);
    const kept = report.filter((r) => !mine.has(r.path) && r.status !== "missing").length;
    const max = graded[0]?.maxScore ?? 0;
    ctx.log(`${graded.length} submissions graded, mean ${mean.toFixed(2)}/${max}; reports in ${ctx.outDir}/ (grades.csv, results.jsonl, feedback/${ctx.bundle!.manual.length > 0 ? ", manual/" : ""})` +
      (kept > 0 ? `, with ${kept} earlier submission${kept === 1 ? "" : "s"} kept` : ""));
    const failed = graded.filter((r) => r.status === "error").map((r) => r.submission);
    if (failed.length > 0) ctx.log(courseMsg.graderFailed(failed));
    const unscored = report.reduce((n, r) => n + r.manual.filter((m) => m.points === null && r.status !== "missing").length, 0);
    if (unscored > 0) ctx.log(courseMsg.unscored(unscored, ctx.outDir));
    const open = graded.find((r) => r.isolation.notIsolated.length > 0);
    const how = open?.isolation.sandbox === "jupyter" ? "--jupyter-url" : `--sandbox ${open?.isolation.sandbox}`;
    if (open) ctx.log(`${notIsolatedLine(open.isolation.notIsolated)} (${how}); results.jsonl is the TA's record, not for students`);
  },
};
