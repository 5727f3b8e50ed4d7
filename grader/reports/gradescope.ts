import type { StudentView } from "./student-view";

// Gradescope's autograder results.json (https://gradescope-autograders.readthedocs.io/en/latest/specs/),
// built from the student's view: hidden tests are shown only after grades are published, and then
// only as pass/fail with a category.

/** Gradescope's results.json for one submission. */
export function gradescopeResults(v: StudentView): object {
  return {
    score: v.score,
    execution_time: Math.round(v.totalMs / 1000),
    output: [...v.notes, ...v.cells].join("\n"),
    tests: v.tests.map((t) => ({
      name: t.id,
      score: t.points,
      max_score: t.maxPoints,
      status: t.passed ? "passed" : "failed",
      output: t.lines.join("\n"),
      visibility: t.hidden ? "after_published" : "visible",
    })),
  };
}
