import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import type { Bundle } from "../../../grader/bundle";
import { RESULTS_VERSION, type SubmissionResult } from "../../../grader/results";
import type { GradeContext } from "../../../grader/steps/grade-context";
import { courseResults } from "../../../grader/steps/course-results";
import { writeGradeReports } from "../../../grader/steps/write-grade-reports";
import { tempDir } from "./helpers";

const graded = (name: string, bundleSha256: string) => ({ version: RESULTS_VERSION, submission: `${name}.ipynb`, path: `${name}.ipynb`, assignment: "hw", bundleSha256, manual: [], student: null, late: null, autoScore: 2, score: 2, maxScore: 2, status: "graded", tests: [{ id: "t", points: 2, maxPoints: 2, status: "passed", error: null, checks: [] }], errors: [], notes: [], cells: [], timings: { totalMs: 0, restarts: 0 }, isolation: { sandbox: "bwrap", notIsolated: [] } }) as unknown as SubmissionResult;
const hw = { assignment: "hw", tests: [{ id: "t", points: 2 }], manual: [], files: [] } as unknown as Bundle;

describe("step: write reports", () => {
  it("regrading one student after the assignment changed keeps the others' rows and says they are from the earlier version", () => {
    const out = tempDir();
    const log: string[] = [];
    const run = (name: string, sha: string) => {
      const ctx = { outDir: out, results: [graded(name, sha)], bundle: hw, bundleSha256: sha, gradescope: false, log: (l: string) => log.push(l) } as unknown as GradeContext;
      courseResults.run(ctx);
      writeGradeReports.run(ctx);
    };
    run("ann", "a".repeat(64));
    run("ben", "a".repeat(64));
    expect(log.some((l) => l.startsWith("note:"))).toBe(false);
    run("ben", "b".repeat(64));
    expect(log).toContain("note: 1 earlier result was kept from a run with another version of the assignment (ann.ipynb); grade the whole folder again to regrade it with this one.");
    expect(fs.readFileSync(path.join(out, "grades.csv"), "utf8").trim().split("\n").map((r) => r.split(",")[0])).toEqual(["submission", "ann.ipynb", "ben.ipynb"]);
  });

  it("says the mean of the scores grades.csv holds, after the late deduction", () => {
    const out = tempDir();
    const log: string[] = [];
    fs.writeFileSync(path.join(out, "times.csv"), "submission,timestamp\nann.ipynb,2026-12-01T12:00:00Z\n");
    const late = { due: "2026-12-01T00:00:00Z", penaltyPerDay: 0.5, timestamps: path.join(out, "times.csv") };
    const ctx = { outDir: path.join(out, "grades"), results: [graded("ann", "a".repeat(64))], bundle: hw, bundleSha256: "a".repeat(64), gradescope: false, late, log: (l: string) => log.push(l) } as unknown as GradeContext;
    courseResults.run(ctx);
    writeGradeReports.run(ctx);
    expect(fs.readFileSync(path.join(out, "grades", "grades.csv"), "utf8")).toContain("ann.ipynb,2,1,1,1,2,graded,bwrap");
    expect(log[0]).toMatch(/^1 submissions graded, mean 1\.00\/2;/);
  });

  it("writes every report for the results and prints a summary", () => {
    const out = tempDir();
    const log: string[] = [];
    const result = { submission: "ann.ipynb", path: "ann.ipynb", assignment: "hw", manual: [], student: null, late: null, autoScore: 1, score: 1, maxScore: 2, status: "graded", tests: [{ id: "t", points: 1, maxPoints: 2, status: "failed", error: null, checks: [] }], errors: [], notes: [], cells: [], timings: { totalMs: 0, restarts: 0 }, isolation: { sandbox: "node", notIsolated: ["network", "signals"] } } as unknown as SubmissionResult;
    const bundle = { assignment: "hw", tests: [{ id: "t", points: 2 }], manual: [], files: [] } as unknown as Bundle;
    const ctx = { outDir: out, results: [result], bundle, bundleSha256: "0".repeat(64), gradescope: true, log: (l: string) => log.push(l) } as unknown as GradeContext;
    courseResults.run(ctx);
    writeGradeReports.run(ctx);
    expect(ctx.written!.map((f) => path.relative(out, f))).toEqual(["grades.csv", "results.jsonl", "feedback/ann.html", "results.json"]);
    expect(fs.readFileSync(path.join(out, "grades.csv"), "utf8")).toBe("submission,t,score,max_score,status,isolation\nann.ipynb,1,1,2,graded,\"node (not isolated: network, signals)\"\n");
    expect(log).toEqual([
      `1 submissions graded, mean 1.00/2; reports in ${out}/ (grades.csv, results.jsonl, feedback/)`,
      "not isolated: network, signals (--sandbox node); results.jsonl is the TA's record, not for students",
    ]);
  });
});
