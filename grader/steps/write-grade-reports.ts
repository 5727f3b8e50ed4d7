import type { Step } from "../pipeline";
import { notIsolatedLine } from "../messages";
import { writeReports } from "../reports/write-reports";
import type { GradeContext } from "./grade-context";

/** Writes grades.csv, results.jsonl, feedback/ (and results.json for Gradescope) and prints a summary. */
export const writeGradeReports: Step<GradeContext> = {
  name: "write reports",
  needs: ["results", "bundle", "outDir"],
  gives: ["written"],
  run(ctx) {
    ctx.written = writeReports(ctx.outDir, ctx.results!, ctx.bundle!.tests.map((t) => t.id), ctx.gradescope);
    const graded = ctx.results!;
    const mean = graded.reduce((s, r) => s + r.score, 0) / Math.max(1, graded.length);
    const max = ctx.bundle!.tests.reduce((s, t) => s + t.points, 0);
    ctx.log(`${graded.length} submissions graded, mean ${mean.toFixed(2)}/${max}; reports in ${ctx.outDir}/ (grades.csv, results.jsonl, feedback/)`);
    const open = graded.find((r) => r.isolation.notIsolated.length > 0);
    const how = open?.isolation.sandbox === "jupyter" ? "--jupyter-url" : `--sandbox ${open?.isolation.sandbox}`;
    if (open) ctx.log(`${notIsolatedLine(open.isolation.notIsolated)} (${how}); results.jsonl is the TA's record, not for students`);
  },
};
