import type { Reference } from "../../src/check/index";

// Partial credit: in a test whose directive says `partial`, each check earns its own points
// (`check(label, value, { points })`) or an equal share of what the test's points leave after
// those; the test earns the sum for its passing checks, rounded to hundredths.

/** Points rounded as reports show them (hundredths). */
export const roundPoints = (x: number): number => Math.round(x * 100) / 100;

/** Each reference's points in a partial test (in reference order). */
export function checkPoints(test: { points: number }, references: readonly Reference[]): number[] {
  const explicit = references.reduce((s, r) => s + (r.points ?? 0), 0);
  const shared = references.filter((r) => r.points === undefined).length;
  const share = shared === 0 ? 0 : Math.max(0, test.points - explicit) / shared;
  return references.map((r) => r.points ?? share);
}

/** Why a test's check points cannot add up to its points (null when they do), for the author. */
export function partialProblem(test: { id: string; points: number; partial: boolean }, references: readonly Reference[]): string | null {
  const given = references.filter((r) => r.points !== undefined);
  if (given.length === 0) return null;
  if (!test.partial) return `check "${given[0].label}" gives { points }, but test ${test.id} is not partial; add the word partial to its // @test line`;
  const explicit = roundPoints(given.reduce((s, r) => s + r.points!, 0));
  if (explicit > test.points) return `its checks give ${explicit} points but the test is worth points=${test.points}; make them add up to at most ${test.points}`;
  if (given.length === references.length && explicit !== test.points) {
    return `its checks give ${explicit} points in all but the test is worth points=${test.points}; write points=${explicit} in its // @test line`;
  }
  return null;
}
