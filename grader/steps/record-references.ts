import * as path from "node:path";
import type { Reference } from "../../src/check/index";
import { occurrenceKey } from "../../src/check/index";
import { AuthoringError } from "../authoring/directive";
import type { AuthoredTest } from "../authoring/parse";
import type { BundleTest } from "../bundle";
import { embeddedRunners } from "../grading/embedded";
import { executePlan } from "../grading/execute";
import type { PlanItem } from "../grading/plan";
import { cellSource } from "../notebook";
import type { Step } from "../pipeline";
import type { AssignContext } from "./assign-context";

/** A source test as the grader runs it (references still empty). */
export function toBundleTest(t: AuthoredTest, references: Reference[]): BundleTest {
  return { id: t.id, points: t.points, hidden: t.hidden, rtol: t.rtol, atol: t.atol, timeoutS: t.timeoutS, position: t.position, cellId: t.cellId, code: t.body, references };
}

const hasNaN = (v: unknown): boolean => JSON.stringify(v).includes('"NaN"');

/** Runs the full solution on the runner and records every check value as that test's reference. */
export const recordReferences: Step<AssignContext> = {
  name: "record references from the solution",
  needs: ["assignment"],
  gives: ["references"],
  async run(ctx) {
    const a = ctx.assignment!;
    const tests = new Map(a.tests.map((t) => [t.position, t]));
    const items: PlanItem[] = a.cells.flatMap((c): PlanItem[] => {
      const test = tests.get(c.position);
      if (test !== undefined) return [{ kind: "test", test: toBundleTest(test, []) }];
      return c.cell.cell_type === "code" ? [{ kind: "cell", source: cellSource(c.cell), label: `cell ${c.position + 1}`, position: c.position }] : [];
    });
    const startRunner = embeddedRunners({ cwd: path.dirname(path.resolve(ctx.sourceFile)), timeoutMs: ctx.timeoutMs, memoryMb: ctx.memoryMb, libraryEntry: ctx.libraryEntry });
    const run = await executePlan(items, { startRunner, timeoutMs: ctx.timeoutMs });
    const broken = run.cells.find((c) => c.status !== "ok");
    if (broken) throw new AuthoringError(`${broken.label} fails on the solution (${broken.status}): ${broken.error ? `${broken.error.ename}: ${broken.error.evalue}` : ""}. Fix the solution first.`);
    const references = new Map<string, Reference[]>();
    for (const test of a.tests) {
      const r = run.tests.find((t) => t.id === test.id);
      const where = `test ${test.id} (cell ${test.position + 1})`;
      if (r === undefined || r.status !== "ok") throw new AuthoringError(`${where} fails on the solution: ${r?.error ? `${r.error.ename}: ${r.error.evalue}` : r?.status ?? "it did not run"}.`);
      if (r.checks.length === 0) throw new AuthoringError(`${where} called check() zero times on the solution; every test needs at least one check.`);
      const seen = new Map<string, number>();
      references.set(test.id, r.checks.map((c) => {
        const n = seen.get(c.label) ?? 0;
        seen.set(c.label, n + 1);
        const label = occurrenceKey(c.label, n);
        if (c.problem !== undefined) throw new AuthoringError(`${where}: check "${label}" sent a value the grader could not read (${c.problem}).`);
        if (c.value.kind === "unsupported") throw new AuthoringError(`${where}: check "${label}" got ${c.value.description} from the solution; check numbers, booleans, arrays, tensors or plain objects.`);
        if (hasNaN(c.value)) throw new AuthoringError(`${where}: check "${label}" is NaN on the solution; NaN never passes, so no submission could.`);
        // A property that fails on the solution would pass the wrong answers: a sign the solution or the data changed.
        if (c.value.kind === "boolean" && !c.value.value && c.expect !== false) {
          throw new AuthoringError(`${where}: check "${label}" is false on the solution; a boolean check must hold for the right answer (or say { expect: false }).`);
        }
        return { label, value: c.value, rtol: c.rtol ?? test.rtol, atol: c.atol ?? test.atol };
      }));
    }
    const total = [...references.values()].reduce((s, r) => s + r.length, 0);
    ctx.references = references;
    ctx.log(`solution: all ${a.tests.length} tests ran; ${total} reference values recorded`);
  },
};
