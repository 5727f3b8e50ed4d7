import * as path from "node:path";
import type { Step } from "../pipeline";
import { serializeBundle } from "../bundle";
import { writeFileAtomic } from "../files";
import { serializeNotebook } from "../notebook";
import type { AssignContext } from "./assign-context";

/** Writes the release, its data files beside it, and the bundle, each atomically. */
export const writeAssignment: Step<AssignContext> = {
  name: "write release and bundle",
  needs: ["release", "releasePath", "bundle", "bundlePath"],
  gives: ["written"],
  run(ctx) {
    writeFileAtomic(ctx.releasePath!, serializeNotebook(ctx.release!));
    const data = ctx.bundle!.files.map((f) => path.join(path.dirname(ctx.releasePath!), ...f.path.split("/")));
    ctx.bundle!.files.forEach((f, i) => writeFileAtomic(data[i], Buffer.from(f.base64, "base64")));
    writeFileAtomic(ctx.bundlePath, serializeBundle(ctx.bundle!));
    ctx.written = [ctx.releasePath!, ...data, ctx.bundlePath];
    ctx.log(`wrote ${ctx.releasePath}${data.length > 0 ? ` (with ${data.length} data file${data.length === 1 ? "" : "s"} beside it)` : ""} and ${ctx.bundlePath}`);
  },
};
