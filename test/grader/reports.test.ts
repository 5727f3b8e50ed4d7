import { describe, expect, it } from "vitest";
import { gradesCsv } from "../../grader/reports/csv";
import { feedbackHtml } from "../../grader/reports/feedback-html";
import { gradescopeResults } from "../../grader/reports/gradescope";
import { studentView } from "../../grader/reports/student-view";
import { feedbackNames } from "../../grader/reports/write-reports";
import { RESULTS_VERSION, type SubmissionResult, TA_NOTICE } from "../../grader/results";

// Reports are built from results records alone; what students see comes from studentView.

const result: SubmissionResult = {
  version: RESULTS_VERSION, notice: TA_NOTICE, submission: 'ann, "b".ipynb', path: "/x", sha256: "s", assignment: "hw", bundleSha256: "b", student: null, score: 2, maxScore: 5, autoScore: 2, manual: [], late: null,
  status: "graded", errors: [], notes: ["a note"], stopped: null, isolation: { sandbox: "bwrap", notIsolated: [] },
  cells: [
    { cell: "cell 3", status: "timeout", ms: 10, error: "TimeoutError: slow", errorName: "TimeoutError", afterHidden: false },
    { cell: "cell 9", status: "error", ms: 10, error: "Error: const secret = hiddenInput(2.5)", errorName: "Error", afterHidden: true },
  ],
  timings: { totalMs: 1500, restarts: 1 }, versions: { gradlab: "0", node: "v20" },
  tests: [
    { id: "pub", hidden: false, partial: false, points: 2, maxPoints: 2, passed: true, status: "passed", error: null, errorName: null, ms: 1, afterHidden: false, checks: [{ label: "a", passed: true, code: "ok", maxAbsError: 0, maxRelError: 0, shape: [], message: "✓ a", points: null, maxPoints: null }] },
    { id: "hid", hidden: true, partial: false, points: 0, maxPoints: 3, passed: false, status: "failed", error: null, errorName: null, ms: 1, afterHidden: false, checks: [{ label: "b", passed: false, code: "not-close", maxAbsError: 0.4567, maxRelError: 1, shape: [], message: "✗ b: <no>; max abs err 4.6e-1", points: null, maxPoints: null }] },
    { id: "boom", hidden: true, partial: false, points: 0, maxPoints: 1, passed: false, status: "error", error: "Error: test code: check(\"c\", f(7))", errorName: "SneakyError", ms: 1, afterHidden: true, checks: [{ label: "c", passed: false, code: "not-reached", maxAbsError: null, maxRelError: null, shape: null, message: "✗ c: not reached", points: null, maxPoints: null }] },
  ],
};

const cols = (tests: string[]) => ({ tests, manual: [], student: false, late: false });

describe("reports", () => {
  it("grades.csv has a column per test and the isolation, quotes awkward names and defuses formulas", () => {
    expect(gradesCsv([result], cols(["pub", "hid", "boom"]))).toBe('submission,pub,hid,boom,score,max_score,status,isolation\n"ann, ""b"".ipynb",2,0,0,2,5,graded,bwrap\n');
    const evil = { ...result, submission: "=cmd|' -C calc'!A0.ipynb" };
    expect(gradesCsv([evil, { ...result, submission: "+1.ipynb" }, { ...result, submission: "@x.ipynb" }, { ...result, submission: "-2.ipynb" }], cols([])).split("\n").slice(1, 5).map((l) => l.split(",")[0]))
      .toEqual(["'=cmd|' -C calc'!A0.ipynb", "'+1.ipynb", "'@x.ipynb", "'-2.ipynb"]);
  });

  it("gradescope results show hidden tests only after publishing, as categories", () => {
    expect(gradescopeResults(studentView(result), "after_published")).toMatchObject({
      score: 2, execution_time: 2,
      tests: [
        { name: "pub", score: 2, max_score: 2, status: "passed", visibility: "visible", output: "✓ a" },
        { name: "hid", score: 0, max_score: 3, status: "failed", visibility: "after_published", output: "✗ b: wrong value" },
        { name: "boom", output: "error of type Error\n✗ c: not reached" },
      ],
    });
  });

  it("feedback escapes HTML, lists failed cells, and holds nothing of hidden tests but categories", () => {
    const html = feedbackHtml(studentView(result));
    expect(html).toContain("hw: 2 / 5 points");
    expect(html).toContain("cell 3: TimeoutError: slow");
    expect(html).toContain("cell 9: Error (its message is not shown: the cell ran after a hidden test)");
    for (const leak of ["4.6e-1", "0.4567", "&#60;no&#62;", "hiddenInput", "f(7)", "SneakyError"]) expect(html).not.toContain(leak);
  });

  it("gives every submission its own feedback file, also on a case-insensitive disk", () => {
    const names = feedbackNames(["alice/hw.ipynb", "bob/hw.ipynb", "carol smith.ipynb", "carol_smith.ipynb", "Dan.ipynb", "dan.ipynb"]);
    expect([...names.values()].slice(0, 4)).toEqual(["alice/hw.html", "bob/hw.html", "carol%20smith.html", "carol_smith.html"]);
    expect(new Set([...names.values()].map((n) => n.toLowerCase())).size).toBe(6);
  });
});
