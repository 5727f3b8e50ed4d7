import type { SubmissionResult } from "../results";

// Gradescope's autograder results.json (https://gradescope-autograders.readthedocs.io/en/latest/specs/):
// hidden tests are shown only after grades are published, and their output never has references.

/** Gradescope's results.json for one submission. */
export function gradescopeResults(result: SubmissionResult): object {
  return {
    score: result.score,
    execution_time: Math.round(result.timings.totalMs / 1000),
    output: [...result.errors, ...result.notes].join("\n"),
    tests: result.tests.map((t) => ({
      name: t.id,
      score: t.points,
      max_score: t.maxPoints,
      status: t.passed ? "passed" : "failed",
      output: [t.error ?? "", ...t.checks.map((c) => c.message)].filter((l) => l !== "").join("\n"),
      visibility: t.hidden ? "after_published" : "visible",
    })),
  };
}
