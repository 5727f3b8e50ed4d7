import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assign } from "../../../grader/commands/assign";
import { grade } from "../../../grader/commands/grade";
import type { GradeContext } from "../../../grader/steps/grade-context";
import type { Bundle } from "../../../grader/bundle";
import type { SubmissionResult } from "../../../grader/results";
import { rightAnswers, sourceCells, submission, unseededCells, writeSource } from "./fixture";

// An instructor's exercise with data, seeded randomness, partial credit and a free-text question,
// released once and graded as a class in the bubblewrap sandbox (one batch), then: a manual-score
// round, one student regraded into the same folder, Gradescope's results.json, visibility.

const work = fs.mkdtempSync(path.join(os.tmpdir(), "gradlab-course-"));
fs.chmodSync(work, 0o755);
const release = path.join(work, "release");
const bundlePath = path.join(work, "ex.json");
const subs = path.join(work, "subs");
const out = path.join(work, "grades");
const log: string[] = [];
const base = (over: Partial<GradeContext>): GradeContext => ({
  assignmentArg: bundlePath, submissionArgs: [subs], outDir: out, cacheDir: path.join(work, "cache"), jobs: 2, timeoutMs: 20_000,
  submissionTimeoutMs: 120_000, memoryMb: 512, force: false, gradescope: false, sandbox: "bwrap", stopped: () => false, log: (l) => log.push(l), ...over,
});
const rows = () => fs.readFileSync(path.join(out, "grades.csv"), "utf8").trim().split("\n");
const html = (name: string) => fs.readFileSync(path.join(out, "feedback", `${name}.html`), "utf8");
let bundle: Bundle;
let results: SubmissionResult[];
const byName = (name: string) => results.find((r) => r.submission === `${name}.ipynb`)!;

describe("a course exercise from release to grades", () => {
  beforeAll(async () => {
    const source = writeSource(work, "ex", sourceCells(true));
    await assign(source, { releaseDir: release, bundlePath, timeoutMs: 30_000, log: (l) => log.push(l) });
    bundle = JSON.parse(fs.readFileSync(bundlePath, "utf8")) as Bundle;
    const rel = path.join(release, "ex.ipynb");
    const right = { mean: rightAnswers.mean, noisy: rightAnswers.noisy };
    submission(rel, path.join(subs, "alice.ipynb"), { ...right, a: "<!-- @manual outliers points=2 -->\nOne outlier <b>moves</b> the sum." });
    submission(rel, path.join(subs, "bob.ipynb"), { ...right, mean: "function mean(xs: number[]): number {\n  return xs.length === 2 ? 1.5 : 0;\n}" });
    // Draws numbers the solution did not before the tests: each test still starts from the solution's generator state.
    submission(rel, path.join(subs, "carol.ipynb"), { ...right, mean: `randn([3]);\n${rightAnswers.mean}` });
    submission(rel, path.join(subs, "dave.ipynb"), { ...right, "t-mean": '// @test mean points=3 partial\ncheck("mean of the data", 4);' });
    // Tries to overwrite the data file: it is read-only in the sandbox.
    submission(rel, path.join(subs, "erin.ipynb"), { ...right, given: 'const n = (() => { try { fs.writeFileSync("data/values.csv", "9\\n"); return -1; } catch { return values.length; } })();' });
    fs.writeFileSync(path.join(work, "roster.csv"), "student,due\nalice,\nbob,\ncarol,\ndave,2026-12-09T00:00:00Z\nerin,\nfrank,\n");
    fs.writeFileSync(path.join(work, "times.csv"), "student,timestamp\nalice,2026-12-01T10:00:00Z\nbob,2026-12-02T10:00:00Z\ncarol,2026-12-01T09:00:00Z\ndave,2026-12-05T00:00:00Z\nerin,2026-12-01T08:00:00Z\n");
    const late = { due: "2026-12-01T23:59:00Z", penaltyPerDay: 0.25, timestamps: path.join(work, "times.csv") };
    results = (await grade(base({ rosterFile: path.join(work, "roster.csv"), late }))).report!;
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it("assign: data files beside the release and in the bundle, gradlab's kernelspec, the question kept editable", () => {
    expect(log).toContain("data files: data/values.csv");
    expect(log).toContain("blank release: all 2 tests with points fail, as they should (1 points=0 test may pass)");
    expect(fs.readFileSync(path.join(release, "data", "values.csv"), "utf8")).toBe("1\n2\n3\n10\n");
    expect(bundle.files.map((f) => f.path)).toEqual(["data/values.csv"]);
    const nb = JSON.parse(fs.readFileSync(path.join(release, "ex.ipynb"), "utf8"));
    expect(nb.metadata.kernelspec).toEqual({ name: "gradlab", display_name: "TypeScript (gradlab)", language: "typescript" });
    expect(nb.metadata.gradlab).toBeUndefined();
    const answer = nb.cells.find((c: { id: string }) => c.id === "a");
    expect(answer.source.join("")).toBe("<!-- @manual outliers points=2 -->\n_Type your answer here._");
    expect(answer.metadata).toMatchObject({ deletable: false });
    expect(bundle.manual).toMatchObject([{ id: "outliers", points: 2 }]);
    expect(bundle.tests.every((t) => t.rng !== null)).toBe(true);
  });

  it("assign refuses a test whose references depend on unseeded randomness, naming it and the fix", async () => {
    const source = writeSource(path.join(work, "unseeded"), "noisy", unseededCells());
    await expect(assign(source, { releaseDir: path.join(work, "u"), bundlePath: path.join(work, "u.json"), timeoutMs: 30_000 }))
      .rejects.toThrow(/test doubled \(cell 3\): check "twice the noise" has another value when the random generator starts from another seed.*manualSeed\(N\)/s);
  });

  it("grades partial credit per check, shown in the results", () => {
    expect(byName("alice").autoScore).toBe(5);
    const bob = byName("bob").tests.find((t) => t.id === "mean")!;
    expect(bob.points).toBe(2);
    expect(bob.checks.map((c) => [c.label, c.points, c.maxPoints])).toEqual([["mean of the data", 0, 1], ["mean of [1, 2]", 1, 1], ["a draw", 1, 1]]);
    expect(html("bob")).toContain("✗ mean of the data: values differ by more than the tolerance");
    expect(html("bob")).toContain("(1/1)");
  });

  it("starts each test from the solution's generator state, whatever the student drew before", () => {
    expect(byName("carol").tests.find((t) => t.id === "mean")!.checks.find((c) => c.label === "a draw")!.passed).toBe(true);
    expect(byName("carol").autoScore).toBe(5);
  });

  it("puts the data files read-only beside each submission", () => {
    expect(byName("erin").tests.find((t) => t.id === "sanity")!.passed).toBe(true);
    expect(byName("erin").autoScore).toBe(5);
  });

  it("says test cells were ignored only when a student edited one", () => {
    const note = /edited or added in the submission and ignored/;
    expect(byName("dave").notes.some((n) => note.test(n))).toBe(true);
    expect(byName("alice").notes.some((n) => note.test(n))).toBe(false);
    expect(byName("dave").autoScore).toBe(5);
  });

  it("applies the roster and the late penalty (with one student's extension)", () => {
    expect(rows()[0]).toBe("submission,student,sanity,mean,mean-hidden,outliers,days_late,late_deduction,score,max_score,status,isolation");
    expect(rows()).toContain("bob.ipynb,bob,0,2,0,,1,0.5,1.5,7,graded,bwrap");
    expect(rows()).toContain("dave.ipynb,dave,0,3,2,,0,0,5,7,graded,bwrap");
    expect(rows()).toContain(",frank,0,0,0,,0,0,0,7,missing,bwrap");
  });

  it("collects each question's answers on one page for the TA, escaped", () => {
    const page = fs.readFileSync(path.join(out, "manual", "outliers.html"), "utf8");
    expect(page).toContain("One outlier &#60;b&#62;moves&#60;/b&#62; the sum.");
    expect(page).toContain("(not answered)");
    expect(fs.readFileSync(path.join(out, "manual", "scores.csv"), "utf8")).toContain("alice.ipynb,outliers,,");
  });

  it("merges manual scores on a cached rerun, into grades.csv and the feedback", async () => {
    fs.writeFileSync(path.join(work, "scores.csv"), 'submission,question,points,comment\nalice.ipynb,outliers,1.5,"Half right, <see> the median."\n');
    results = (await grade(base({ manualFile: path.join(work, "scores.csv") }))).report!;
    expect(byName("alice").score).toBe(6.5);
    expect(rows()).toContain("alice.ipynb,alice,0,3,2,1.5,0,0,6.5,7,graded,bwrap");
    expect(html("alice")).toContain("Half right, &#60;see&#62; the median.");
    fs.writeFileSync(path.join(work, "bad.csv"), "submission,question,points\nalice.ipynb,outliers,3\n");
    await expect(grade(base({ manualFile: path.join(work, "bad.csv") }))).rejects.toThrow("bad.csv, line 2: points \"3\" for outliers must be a number from 0 to 2");
  });

  it("regrades one student into the same folder and keeps every other row and page", async () => {
    const before = rows().length;
    submission(path.join(release, "ex.ipynb"), path.join(subs, "bob.ipynb"), { mean: rightAnswers.mean, noisy: rightAnswers.noisy });
    await grade(base({ submissionArgs: [path.join(subs, "bob.ipynb")] }));
    expect(rows()).toHaveLength(before);
    expect(rows()).toContain("bob.ipynb,bob,0,3,2,,1,1.25,3.75,7,graded,bwrap");
    expect(rows()).toContain("alice.ipynb,alice,0,3,2,1.5,0,0,6.5,7,graded,bwrap");
    expect(html("bob")).toContain("3.75 / 7 points");
    expect(fs.existsSync(path.join(out, "feedback", "carol.html"))).toBe(true);
  });

  it("writes Gradescope's results.json with the hidden tests' visibility, and withholds hidden results in feedback until released", async () => {
    const one = path.join(work, "gs");
    await grade(base({ submissionArgs: [path.join(subs, "alice.ipynb")], outDir: one, gradescope: true, hiddenVisibility: "after_due_date" }));
    const gs = JSON.parse(fs.readFileSync(path.join(one, "results.json"), "utf8")) as { tests: { name: string; visibility: string }[] };
    expect(gs.tests.map((t) => [t.name, t.visibility])).toEqual([["sanity", "visible"], ["mean", "visible"], ["mean-hidden", "after_due_date"]]);
    const page = fs.readFileSync(path.join(one, "feedback", "alice.html"), "utf8");
    expect(page).toContain("result released later");
    expect(page).not.toContain("mean of [10, 20, 60]");
  });
});
