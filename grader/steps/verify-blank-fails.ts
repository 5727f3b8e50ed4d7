import { AuthoringError } from "../authoring/directive";
import { embeddedRunners } from "../grading/embedded";
import { executePlan } from "../grading/execute";
import { planSubmission } from "../grading/plan";
import { scoreTest } from "../grading/score";
import { authorMsg } from "../messages";
import type { Step } from "../pipeline";
import { buildRelease } from "../release";
import type { AssignContext } from "./assign-context";
import { inDataFolder } from "./solution-folder";

/**
 * Grades the blank release: a test that passes without any solution cannot tell right from wrong.
 * points=0 tests (sanity checks of given code) may pass; a partial test may earn nothing.
 */
export const verifyBlankFails: Step<AssignContext> = {
  name: "check tests fail on the blank release",
  needs: ["assignment", "bundle", "files"],
  gives: [],
  async run(ctx) {
    const bundle = ctx.bundle!;
    const blank = buildRelease(ctx.assignment!, null);
    const plan = planSubmission(bundle, blank);
    const run = await inDataFolder(ctx.files!, (cwd) => executePlan(plan.items, {
      startRunner: embeddedRunners({ cwd, timeoutMs: ctx.timeoutMs, memoryMb: ctx.memoryMb, libraryEntry: ctx.libraryEntry }),
      timeoutMs: ctx.timeoutMs,
    }));
    const graded = bundle.tests.filter((t) => t.points > 0);
    const scored = graded.map((t) => ({ t, r: scoreTest(t, run.tests.find((r) => r.id === t.id)) }));
    const where = (list: typeof scored) => list.map(({ t }) => `${t.id} (cell ${t.position + 1})`).join(", ");
    const passing = scored.filter(({ r }) => r.passed);
    if (passing.length > 0) {
      const list = where(passing);
      throw new AuthoringError(`test${passing.length > 1 ? "s" : ""} ${list} pass${passing.length > 1 ? "" : "es"} on the blank release: the tolerance does not separate right from wrong, or the test checks nothing the student writes (a sanity check of given code can say points=0).`);
    }
    const earning = scored.filter(({ r }) => r.points > 0);
    if (earning.length > 0) throw new AuthoringError(authorMsg.partialBlank(where(earning)));
    const free = bundle.tests.length - graded.length;
    ctx.log(`blank release: all ${graded.length} tests${free > 0 ? " with points" : ""} fail, as they should${free > 0 ? ` (${free} points=0 test${free === 1 ? "" : "s"} may pass)` : ""}`);
  },
};
