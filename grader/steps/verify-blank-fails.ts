import * as path from "node:path";
import { AuthoringError } from "../authoring/directive";
import { embeddedRunners } from "../grading/embedded";
import { executePlan } from "../grading/execute";
import { planSubmission } from "../grading/plan";
import { scoreTest } from "../grading/score";
import type { Step } from "../pipeline";
import { buildRelease } from "../release";
import type { AssignContext } from "./assign-context";

/** Grades the blank release: a test that passes without any solution cannot tell right from wrong. */
export const verifyBlankFails: Step<AssignContext> = {
  name: "check tests fail on the blank release",
  needs: ["assignment", "bundle"],
  gives: [],
  async run(ctx) {
    const bundle = ctx.bundle!;
    const blank = buildRelease(ctx.assignment!, null);
    const startRunner = embeddedRunners({ cwd: path.dirname(path.resolve(ctx.sourceFile)), timeoutMs: ctx.timeoutMs, memoryMb: ctx.memoryMb, libraryEntry: ctx.libraryEntry });
    const plan = planSubmission(bundle, blank);
    const run = await executePlan(plan.items, { startRunner, timeoutMs: ctx.timeoutMs });
    const passing = bundle.tests.filter((t) => scoreTest(t, run.tests.find((r) => r.id === t.id)).passed);
    if (passing.length > 0) {
      const list = passing.map((t) => `${t.id} (cell ${t.position + 1})`).join(", ");
      throw new AuthoringError(`test${passing.length > 1 ? "s" : ""} ${list} pass${passing.length > 1 ? "" : "es"} on the blank release: the tolerance does not separate right from wrong, or the test checks nothing the student writes.`);
    }
    ctx.log(`blank release: all ${bundle.tests.length} tests fail, as they should`);
  },
};
