import { dataFiles } from "../authoring/data-files";
import type { Step } from "../pipeline";
import type { AssignContext } from "./assign-context";

/** Reads the data files (--files and metadata gradlab.files) the release and the bundle carry. */
export const readDataFiles: Step<AssignContext> = {
  name: "read data files",
  needs: ["source", "sourceFile"],
  gives: ["files"],
  run(ctx) {
    ctx.files = dataFiles(ctx.sourceFile, ctx.fileArgs ?? [], ctx.source!.metadata);
    if (ctx.files.length > 0) ctx.log(`data files: ${ctx.files.map((f) => f.path).join(", ")}`);
  },
};
