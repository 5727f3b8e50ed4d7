import { AuthoringError } from "../authoring/directive";
import { executePlan } from "../grading/execute";
import { gradingModuleOf } from "../grading/test-code";
import { planSubmission } from "../grading/plan";
import { scoreTest } from "../grading/score";
import { childSetupModule } from "../grading/child-setup";
import type { Step } from "../pipeline";
import { buildRelease } from "../release";
import { startRunner } from "../runner/index";
import type { AssignContext } from "./assign-context";
import * as path from "node:path";

/** Grades the blank release: a test that passes without any solution cannot tell right from wrong. */
export const verifyBlankFails: Step<AssignContext> = {
  name: "check tests fail on the blank release",
  needs: ["assignment", "bundle"],
  gives: [],
  async run(ctx) {
    const bundle = ctx.bundle!;
    const blank = buildRelease(ctx.assignment!, null);
    const options = { cwd: path.dirname(path.resolve(ctx.sourceFile)), timeoutMs: ctx.timeoutMs, memoryMb: ctx.memoryMb, libraryEntry: ctx.libraryEntry, setup: childSetupModule };
    const plan = planSubmission(bundle, blank);
    const run = await executePlan(plan.items, { startRunner: () => startRunner(options), timeoutMs: ctx.timeoutMs, gradingModule: gradingModuleOf(ctx.libraryEntry) });
    const passing = bundle.tests.filter((t) => scoreTest(t, run.tests.find((r) => r.id === t.id)).passed);
    if (passing.length > 0) {
      const list = passing.map((t) => `${t.id} (cell ${t.position + 1})`).join(", ");
      throw new AuthoringError(`test${passing.length > 1 ? "s" : ""} ${list} pass${passing.length > 1 ? "" : "es"} on the blank release: the tolerance does not separate right from wrong, or the test checks nothing the student writes.`);
    }
    ctx.log(`blank release: all ${bundle.tests.length} tests fail, as they should`);
  },
};
