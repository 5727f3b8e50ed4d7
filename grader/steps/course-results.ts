import { applyLateness } from "../course/late";
import { applyManualScores } from "../course/manual-scores";
import { mergeResults, previousResults } from "../course/merge";
import { applyRoster, readRoster } from "../course/roster";
import { withTotal } from "../course/total";
import { courseMsg } from "../messages";
import type { Step } from "../pipeline";
import type { GradeContext } from "./grade-context";

/** Merges this run into the --out folder's earlier results, then applies the roster, lateness and manual scores. */
export const courseResults: Step<GradeContext> = {
  name: "merge with earlier results; roster, lateness, manual scores",
  needs: ["results", "bundle", "bundleSha256", "outDir"],
  gives: ["report"],
  run(ctx) {
    const previous = previousResults(ctx.outDir, ctx.bundle!.assignment);
    let report = mergeResults(previous, ctx.results!);
    const fresh = new Set(ctx.results!.map((r) => r.path));
    const stale = report.filter((r) => !fresh.has(r.path) && r.status !== "missing" && r.bundleSha256 !== ctx.bundleSha256);
    if (stale.length > 0) ctx.log(courseMsg.staleRows(stale.map((r) => r.submission)));
    const roster = ctx.rosterFile ? readRoster(ctx.rosterFile) : [];
    if (ctx.rosterFile) report = applyRoster(report, roster, ctx.bundle!, ctx.results![0]?.isolation ?? { sandbox: "", notIsolated: [] }, ctx.log);
    if (ctx.late) report = applyLateness(report, ctx.late, roster);
    if (ctx.manualFile) report = applyManualScores(report, ctx.bundle!, ctx.manualFile);
    ctx.report = report.map(withTotal);
  },
};
