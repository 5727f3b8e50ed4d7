import { compareValues } from "../../src/check/compare";
import { occurrenceKey, type Reference } from "../../src/check/index";
import type { RunRecord } from "../grading/execute";
import { authorMsg } from "../messages";
import type { AuthoredTest } from "./parse";

// Unseeded randomness: `assign` runs the solution a second time with the random generator started
// from another seed. A reference that changes depends on numbers no seed fixes, so grading would
// compare a student's value with a different draw; such tests are refused, named, with the fix.

/** The seed of the second solution run (the first and every graded run start from 0). */
export const SECOND_SEED = 20_211_201;

/** One line per test whose references differ in the second run; empty when none do. */
export function unseededTests(tests: readonly AuthoredTest[], references: Map<string, Reference[]>, second: RunRecord): string[] {
  const problems: string[] = [];
  for (const test of tests) {
    const where = `test ${test.id} (cell ${test.position + 1})`;
    const run = second.tests.find((t) => t.id === test.id);
    if (run === undefined || run.status !== "ok" || run.error !== null) {
      problems.push(authorMsg.unseededFails(where, run?.error ? `${run.error.ename}: ${run.error.evalue}` : run?.status ?? "it did not run"));
      continue;
    }
    const seen = new Map<string, number>();
    const got = new Map(run.checks.map((c) => {
      const n = seen.get(c.label) ?? 0;
      seen.set(c.label, n + 1);
      return [occurrenceKey(c.label, n), c];
    }));
    const differs = (references.get(test.id) ?? []).find((ref) => {
      const other = got.get(ref.label);
      return other === undefined || other.problem !== undefined || !compareValues(ref.value, other.value, ref).passed;
    });
    if (differs !== undefined || got.size !== (references.get(test.id) ?? []).length) problems.push(authorMsg.unseeded(where, differs?.label ?? null));
  }
  return problems;
}
