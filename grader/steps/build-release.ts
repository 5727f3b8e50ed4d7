import * as path from "node:path";
import type { Step } from "../pipeline";
import { buildRelease } from "../release";
import { validateNotebook } from "../notebook";
import type { AssignContext } from "./assign-context";

/** Builds the student release and validates it against the nbformat 4.5 schema. */
export const makeRelease: Step<AssignContext> = {
  name: "build the release",
  needs: ["assignment", "references", "rng", "releaseDir"],
  gives: ["release", "releasePath"],
  run(ctx) {
    const a = ctx.assignment!;
    ctx.release = buildRelease(a, { references: ctx.references!, rng: ctx.rng! });
    validateNotebook(ctx.release, `the release of ${a.name}`);
    ctx.releasePath = path.join(ctx.releaseDir, `${a.name}.ipynb`);
  },
};
