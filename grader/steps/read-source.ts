import type { Step } from "../pipeline";
import { readNotebook } from "../notebook";
import type { AssignContext } from "./assign-context";

/** Reads the instructor's source notebook. */
export const readSource: Step<AssignContext> = {
  name: "read source",
  needs: ["sourceFile"],
  gives: ["source"],
  run(ctx) {
    ctx.source = readNotebook(ctx.sourceFile);
  },
};
