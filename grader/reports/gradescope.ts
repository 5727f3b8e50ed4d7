import type { StudentView, Visibility } from "./student-view";

// Gradescope's autograder results.json (https://gradescope-autograders.readthedocs.io/en/latest/specs/),
// built from the student's view: public tests are visible, hidden tests carry the chosen
// visibility (--hidden-visibility: hidden, after_due_date, after_published, visible) and show only
// pass/fail with a category; free-text questions TAs scored appear as tests of their own.

/** Gradescope's results.json for one submission. */
export function gradescopeResults(v: StudentView, hiddenVisibility: Visibility): object {
  const manual = v.manual.filter((m) => m.points !== null).map((m) => ({
    name: `${m.id} (scored by a TA)`, score: m.points, max_score: m.maxPoints, status: m.points === m.maxPoints ? "passed" : "failed", output: m.comment, visibility: "visible",
  }));
  return {
    score: v.score,
    execution_time: Math.round(v.totalMs / 1000),
    output: [...v.notes, ...(v.late ? [v.late] : []), ...v.cells].join("\n"),
    tests: [
      ...v.tests.map((t) => ({
        name: t.id,
        score: t.points,
        max_score: t.maxPoints,
        status: t.passed ? "passed" : "failed",
        output: t.lines.join("\n"),
        visibility: t.hidden ? hiddenVisibility : "visible",
      })),
      ...manual,
    ],
  };
}
