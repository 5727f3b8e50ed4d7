import * as path from "node:path";
import { libraryEntry } from "../../kernel/paths";
import { embeddedRunners } from "../grading/embedded";
import { executePlan } from "../grading/execute";
import { planSubmission } from "../grading/plan";
import { scoreTest } from "../grading/score";
import { selfCheckBundle } from "../grading/self-check-bundle";
import { readNotebook } from "../notebook";
import { hiddenMsg } from "../messages";
import type { Step } from "../pipeline";
import type { CheckContext } from "./check-context";

/** Reads the student's notebook and the public tests (with references) it carries. */
export const readPublicTests: Step<CheckContext> = {
  name: "read the notebook's public tests",
  needs: ["notebookFile"],
  gives: ["notebook", "bundle", "hidden"],
  run(ctx) {
    ctx.notebook = readNotebook(ctx.notebookFile);
    Object.assign(ctx, selfCheckBundle(ctx.notebook, path.basename(ctx.notebookFile)));
  },
};

/** Runs the notebook with its public tests at their places, values compared outside its process. */
export const runPublicTests: Step<CheckContext> = {
  name: "run the notebook and its public tests",
  needs: ["notebook", "bundle"],
  gives: ["run", "tests"],
  async run(ctx) {
    const notebook = path.resolve(ctx.notebookFile);
    const startRunner = embeddedRunners({ cwd: path.dirname(notebook), timeoutMs: ctx.timeoutMs, libraryEntry, env: { JPY_SESSION_NAME: notebook } });
    const plan = planSubmission(ctx.bundle!, ctx.notebook!);
    ctx.run = await executePlan(plan.items, { startRunner, timeoutMs: ctx.timeoutMs });
    ctx.tests = ctx.bundle!.tests.map((t) => scoreTest(t, ctx.run!.tests.find((r) => r.id === t.id), ctx.run!.stopped));
  },
};

const pts = (n: number): string => `${n} point${n === 1 ? "" : "s"}`;

/** Each test with its points and checks, failed cells, and an honest summary of what did not run. */
export const summarize: Step<CheckContext> = {
  name: "summarize",
  needs: ["tests", "run", "hidden"],
  gives: ["lines"],
  run(ctx) {
    const lines: string[] = [];
    for (const t of ctx.tests!) {
      lines.push(`${t.passed ? "✓" : "✗"} ${t.id} (${t.points}/${pts(t.maxPoints)})${t.error ? `: ${t.error}` : ""}`);
      for (const c of t.checks) lines.push(`    ${c.message}${c.maxPoints === null ? "" : ` ${hiddenMsg.checkPoints(c.points ?? 0, c.maxPoints)}`}`);
    }
    for (const c of ctx.run!.cells.filter((c) => c.status !== "ok")) lines.push(`! ${c.label} ${c.status}: ${c.error ? `${c.error.ename}: ${c.error.evalue}` : ""}`);
    const passed = ctx.tests!.filter((t) => t.passed).length;
    const hidden = ctx.hidden!;
    const hiddenPoints = hidden.reduce((s, h) => s + h.points, 0);
    lines.push(`${passed}/${ctx.tests!.length} public tests passed` +
      (hidden.length > 0 ? `; ${hidden.length} hidden test${hidden.length === 1 ? "" : "s"} worth ${pts(hiddenPoints)} run at grading` : "; there are no hidden tests"));
    ctx.lines = lines;
  },
};
