import { describe, expect, it } from "vitest";
import { gradesCsv } from "../../grader/reports/csv";
import { feedbackHtml } from "../../grader/reports/feedback-html";
import { gradescopeResults } from "../../grader/reports/gradescope";
import type { SubmissionResult } from "../../grader/results";

// Reports are built from results records alone.

const result: SubmissionResult = {
  version: 1, submission: 'ann, "b".ipynb', path: "/x", sha256: "s", assignment: "hw", bundleSha256: "b", score: 2, maxScore: 5,
  status: "graded", errors: [], notes: ["a note"], cells: [{ cell: "cell 3", status: "timeout", ms: 10, error: "TimeoutError: slow" }],
  timings: { totalMs: 1500, restarts: 1 }, versions: { gradlab: "0", node: "v20" },
  tests: [
    { id: "pub", hidden: false, points: 2, maxPoints: 2, passed: true, status: "passed", error: null, ms: 1, checks: [{ label: "a", passed: true, maxAbsError: 0, maxRelError: 0, shape: [], message: "✓ a" }] },
    { id: "hid", hidden: true, points: 0, maxPoints: 3, passed: false, status: "failed", error: null, ms: 1, checks: [{ label: "b", passed: false, maxAbsError: 1, maxRelError: 1, shape: [], message: "✗ b: <no>" }] },
  ],
};

describe("reports", () => {
  it("grades.csv has a column per test and quotes awkward names", () => {
    expect(gradesCsv([result], ["pub", "hid"])).toBe('submission,pub,hid,score,max_score,status\n"ann, ""b"".ipynb",2,0,2,5,graded\n');
  });

  it("gradescope results show hidden tests only after publishing", () => {
    expect(gradescopeResults(result)).toMatchObject({
      score: 2, execution_time: 2,
      tests: [{ name: "pub", score: 2, max_score: 2, status: "passed", visibility: "visible" }, { name: "hid", score: 0, max_score: 3, status: "failed", visibility: "after_published" }],
    });
  });

  it("feedback escapes HTML and lists failed cells", () => {
    const html = feedbackHtml(result);
    expect(html).toContain("hw: 2 / 5 points");
    expect(html).toContain("✗ b: &#60;no&#62;");
    expect(html).toContain("cell 3: TimeoutError: slow");
  });
});
