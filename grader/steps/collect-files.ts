import { collectSubmissions } from "../grading/collect";
import type { Step } from "../pipeline";
import type { GradeContext } from "./grade-context";

/** Expands SUBMISSION arguments (files, folders) into files. */
export const collectFiles: Step<GradeContext> = {
  name: "collect submissions",
  needs: ["submissionArgs"],
  gives: ["files"],
  run(ctx) {
    ctx.files = collectSubmissions(ctx.submissionArgs);
    if (ctx.gradescope && ctx.files.length !== 1) throw new Error(`--format gradescope grades one submission, got ${ctx.files.length}.`);
  },
};
