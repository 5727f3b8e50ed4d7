import type { Step } from "../pipeline";
import { serializeBundle } from "../bundle";
import { writeFileAtomic } from "../files";
import { serializeNotebook } from "../notebook";
import type { AssignContext } from "./assign-context";

/** Writes the release and the bundle, each atomically. */
export const writeAssignment: Step<AssignContext> = {
  name: "write release and bundle",
  needs: ["release", "releasePath", "bundle", "bundlePath"],
  gives: ["written"],
  run(ctx) {
    writeFileAtomic(ctx.releasePath!, serializeNotebook(ctx.release!));
    writeFileAtomic(ctx.bundlePath, serializeBundle(ctx.bundle!));
    ctx.written = [ctx.releasePath!, ctx.bundlePath];
    ctx.log(`wrote ${ctx.releasePath} and ${ctx.bundlePath}`);
  },
};
