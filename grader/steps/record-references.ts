import type { Reference } from "../../src/check/index";
import { occurrenceKey } from "../../src/check/index";
import type { RngState } from "../../src/random";
import { AuthoringError } from "../authoring/directive";
import type { Assignment, AuthoredTest } from "../authoring/parse";
import { SECOND_SEED, unseededTests } from "../authoring/seeds";
import type { BundleTest } from "../bundle";
import { embeddedRunners } from "../grading/embedded";
import { executePlan, type RunRecord, type TestRun } from "../grading/execute";
import { partialProblem } from "../grading/partial";
import type { PlanItem } from "../grading/plan";
import { cellSource } from "../notebook";
import type { Step } from "../pipeline";
import type { AssignContext } from "./assign-context";
import { inDataFolder, undeclaredFileHint } from "./solution-folder";

/** A source test as the grader runs it. */
export function toBundleTest(t: AuthoredTest, references: Reference[], rng: RngState | null = null): BundleTest {
  return {
    id: t.id, points: t.points, hidden: t.hidden, partial: t.partial, rtol: t.rtol, atol: t.atol, timeoutS: t.timeoutS,
    position: t.position, cellId: t.cellId, code: t.body, references, rng,
  };
}

const hasNaN = (v: unknown): boolean => JSON.stringify(v).includes('"NaN"');

function solutionPlan(a: Assignment): PlanItem[] {
  const tests = new Map(a.tests.map((t) => [t.position, t]));
  return a.cells.flatMap((c): PlanItem[] => {
    const test = tests.get(c.position);
    if (test !== undefined) return [{ kind: "test", test: toBundleTest(test, []) }];
    return c.cell.cell_type === "code" ? [{ kind: "cell", source: cellSource(c.cell), label: `cell ${c.position + 1}`, position: c.position }] : [];
  });
}

// What one test's run recorded, checked for what no submission could pass.
function referencesOf(test: AuthoredTest, r: TestRun | undefined, hint: (e: TestRun["error"] | undefined) => string): Reference[] {
  const where = `test ${test.id} (cell ${test.position + 1})`;
  if (r === undefined || r.status !== "ok") throw new AuthoringError(`${where} fails on the solution: ${r?.error ? `${r.error.ename}: ${r.error.evalue}` : r?.status ?? "it did not run"}.${hint(r?.error)}`);
  if (r.checks.length === 0) throw new AuthoringError(`${where} called check() zero times on the solution; every test needs at least one check.`);
  const seen = new Map<string, number>();
  const references = r.checks.map((c): Reference => {
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
    return { label, value: c.value, rtol: c.rtol ?? test.rtol, atol: c.atol ?? test.atol, ...(c.points !== undefined && { points: c.points }) };
  });
  const partial = partialProblem(test, references);
  if (partial !== null) throw new AuthoringError(`${where}: ${partial}.`);
  return references;
}

/**
 * Runs the full solution and records every check value as that test's reference, with the random
 * generator's state each test began from; a second run from another seed, at the same time, finds
 * references that depend on unseeded randomness.
 */
export const recordReferences: Step<AssignContext> = {
  name: "record references from the solution",
  needs: ["assignment", "files"],
  gives: ["references", "rng"],
  async run(ctx) {
    const a = ctx.assignment!;
    const items = solutionPlan(a);
    // Each run in its own folder of the data files: one run's writes cannot change the other's reads.
    const run = (seed: number): Promise<RunRecord & { cwd: string }> => inDataFolder(ctx.files!, async (cwd) => ({
      cwd,
      ...(await executePlan(items, {
        startRunner: embeddedRunners({ cwd, timeoutMs: ctx.timeoutMs, memoryMb: ctx.memoryMb, libraryEntry: ctx.libraryEntry, seed }),
        timeoutMs: ctx.timeoutMs,
      })),
    }));
    const [main, second] = await Promise.all([run(0), run(SECOND_SEED)]);
    const hint = (e: TestRun["error"] | undefined) => undeclaredFileHint(e, ctx.sourceFile, main.cwd);
    const broken = main.cells.find((c) => c.status !== "ok");
    if (broken) throw new AuthoringError(`${broken.label} fails on the solution (${broken.status}): ${broken.error ? `${broken.error.ename}: ${broken.error.evalue}` : ""}.${hint(broken.error) || " Fix the solution first."}`);
    const references = new Map<string, Reference[]>();
    const rng = new Map<string, RngState | null>();
    for (const test of a.tests) {
      const r = main.tests.find((t) => t.id === test.id);
      references.set(test.id, referencesOf(test, r, hint));
      rng.set(test.id, r!.rng);
    }
    const unseeded = unseededTests(a.tests, references, second);
    if (unseeded.length > 0) throw new AuthoringError(unseeded.join("\n"));
    const total = [...references.values()].reduce((s, r) => s + r.length, 0);
    ctx.references = references;
    ctx.rng = rng;
    ctx.log(`solution: all ${a.tests.length} tests ran (twice, from two seeds: same references); ${total} reference values recorded`);
  },
};
