import { bundleHash } from "../bundle";
import { resolveAssignment } from "../grading/resolve-assignment";
import type { Step } from "../pipeline";
import type { GradeContext } from "./grade-context";

/** Finds the bundle ASSIGNMENT names (a bundle, a source notebook, a name in solutions/) and hashes it. */
export const resolveBundle: Step<GradeContext> = {
  name: "resolve the assignment",
  needs: ["assignmentArg"],
  gives: ["bundle", "bundleSha256"],
  async run(ctx) {
    ctx.bundle = await resolveAssignment(ctx.assignmentArg, ctx.log);
    ctx.bundleSha256 = bundleHash(ctx.bundle);
  },
};
