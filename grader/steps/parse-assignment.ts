import type { Step } from "../pipeline";
import { parseAssignment } from "../authoring/parse";
import type { AssignContext } from "./assign-context";

/** Validates markers and test directives; errors name the cell. */
export const parseSource: Step<AssignContext> = {
  name: "parse authoring format",
  needs: ["source", "sourceFile"],
  gives: ["assignment"],
  run(ctx) {
    ctx.assignment = parseAssignment(ctx.source!, ctx.sourceFile);
    const hidden = ctx.assignment.tests.filter((t) => t.hidden).length;
    ctx.log(`${ctx.assignment.name}: ${ctx.assignment.cells.length} cells, ${ctx.assignment.tests.length} tests (${hidden} hidden)`);
  },
};
