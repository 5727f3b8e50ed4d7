import * as path from "node:path";
import { libraryEntry, packageVersion } from "../../kernel/paths";
import { sha256 } from "../notebook";
import { gradeBatch } from "../grading/batch";
import { ResultCache } from "../grading/cache";
import { makeProgress } from "../grading/progress";
import { kernelManager, tolerateMalformedMessages } from "../jupyter/connect";
import type { Step } from "../pipeline";
import type { GradeContext } from "./grade-context";

/** Grades every file (cached results reused), on embedded runners or on a Jupyter server. */
export const gradeFiles: Step<GradeContext> = {
  name: "grade submissions",
  needs: ["files", "bundle", "bundleSha256"],
  gives: ["results"],
  async run(ctx) {
    // Limits change outcomes (a timeout may pass with a longer limit), so they are part of the key.
    const limits = [packageVersion, ctx.timeoutMs, ctx.memoryMb, ctx.sandbox, ctx.jupyter?.url ?? "embedded"].join(":");
    const cache = new ResultCache(path.join(ctx.cacheDir, `${ctx.bundleSha256!.slice(0, 16)}-${sha256(limits).slice(0, 8)}`));
    const manager = ctx.jupyter ? kernelManager(ctx.jupyter) : null;
    try {
      ctx.results = await tolerateMalformedMessages(() => gradeBatch(ctx.files!, ctx.bundle!, ctx.bundleSha256!, {
        jobs: ctx.jobs, cache, force: ctx.force, progress: makeProgress(ctx.files!.length), stopped: ctx.stopped,
        timeoutMs: ctx.timeoutMs, memoryMb: ctx.memoryMb, libraryEntry, sandbox: ctx.sandbox,
        ...(manager && { jupyter: { manager, kernelName: ctx.jupyter!.kernelName } }),
      }));
    } finally {
      manager?.dispose();
    }
  },
};
