import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grade } from "../../grader/commands/grade";
import type { SubmissionResult } from "../../grader/results";

// Every fixture submission graded in ONE batch in the default sandbox (bubblewrap), each with the
// score it deserves.
// The fixtures are written by test/fixtures/grader/make-submissions.py.

const fixtures = path.join(__dirname, "..", "fixtures", "grader");
const expected: Record<string, { score: number; status?: string; tests: Record<string, number> }> = {
  "correct.ipynb": { score: 10, tests: { "grad-f": 2, "grad-autograd": 3, "train-loss": 2, "train-lr": 3 } },
  "wrong-answer.ipynb": { score: 0, tests: { "grad-f": 0, "grad-autograd": 0, "train-loss": 0, "train-lr": 0 } },
  "partial.ipynb": { score: 5, tests: { "grad-f": 2, "grad-autograd": 3, "train-loss": 0, "train-lr": 0 } },
  "hung.ipynb": { score: 7, tests: { "grad-f": 2, "grad-autograd": 0, "train-loss": 2, "train-lr": 3 } },
  "memory-hungry.ipynb": { score: 5, tests: { "grad-f": 2, "grad-autograd": 3, "train-loss": 0, "train-lr": 0 } },
  "crashing.ipynb": { score: 8, tests: { "grad-f": 0, "grad-autograd": 3, "train-loss": 2, "train-lr": 3 } },
  "hostile.ipynb": { score: 0, tests: { "grad-f": 0, "grad-autograd": 0, "train-loss": 0, "train-lr": 0 } },
  "tampered-tests.ipynb": { score: 0, tests: { "grad-f": 0, "grad-autograd": 0, "train-loss": 0, "train-lr": 0 } },
  "deleted-cells.ipynb": { score: 7, tests: { "grad-f": 2, "grad-autograd": 0, "train-loss": 2, "train-lr": 3 } },
  "no-cell-ids.ipynb": { score: 10, tests: { "grad-f": 2, "grad-autograd": 3, "train-loss": 2, "train-lr": 3 } },
  "not-a-notebook.ipynb": { score: 0, status: "invalid", tests: { "grad-f": 0, "grad-autograd": 0, "train-loss": 0, "train-lr": 0 } },
};

describe("gradlab grade on the fixture submissions, in one batch", () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "gradlab-grade-"));
  const out = path.join(work, "out");
  const log: string[] = [];
  let results: SubmissionResult[] = [];
  const run = (force: boolean) => grade({
    assignmentArg: path.join(fixtures, "golden", "gradients.bundle.json"),
    submissionArgs: [path.join(fixtures, "submissions")],
    outDir: out, cacheDir: path.join(work, "cache"), jobs: 2, timeoutMs: 8000, submissionTimeoutMs: 120_000, memoryMb: 256,
    force, gradescope: false, sandbox: "bwrap", stopped: () => false, log: (l) => log.push(l),
  });
  beforeAll(async () => {
    results = (await run(true)).results!;
  });

  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it.each(Object.entries(expected))("%s scores what it deserves", (name, want) => {
    const r = results.find((x) => x.submission === name)!;
    expect(Object.fromEntries(r.tests.map((t) => [t.id, t.points]))).toEqual(want.tests);
    expect(r.score).toBe(want.score);
    expect(r.status).toBe(want.status ?? "graded");
  });

  it("says why a hung cell, a memory hog and a crash failed, and goes on after each", () => {
    const cell = (name: string) => results.find((x) => x.submission === name)!.cells.find((c) => c.status !== "ok" && c.status !== "error")!;
    expect(cell("hung.ipynb").error).toMatch(/^TimeoutError: The cell ran longer than its 8 s time limit/);
    expect(cell("memory-hungry.ipynb").error).toMatch(/^MemoryError: .*256 MB/);
    expect(cell("crashing.ipynb").error).toMatch(/^ProcessDied/);
    expect(results.find((x) => x.submission === "hung.ipynb")!.tests.find((t) => t.id === "grad-autograd")!.status).toBe("timeout");
  });

  it("gives a clear error for a file that is not a notebook", () => {
    expect(results.find((x) => x.submission === "not-a-notebook.ipynb")!.errors[0]).toMatch(/is not a notebook: it is not valid JSON/);
  });

  it("gives the hostile notebook nothing for a faked boolean when the value beside it is wrong, and refuses its check()", () => {
    const hostile = results.find((x) => x.submission === "hostile.ipynb")!;
    expect(hostile.tests.find((t) => t.id === "train-loss")!.checks.map((c) => c.passed)).toEqual([true, false]);
    expect(hostile.cells.find((c) => c.cell === "cell 3")!.error).toBeNull();
  });

  it("writes grades.csv with a column per test, results.jsonl and feedback without hidden code or references", () => {
    const csv = fs.readFileSync(path.join(out, "grades.csv"), "utf8").split("\n");
    expect(csv[0]).toBe("submission,grad-f,grad-autograd,train-loss,train-lr,score,max_score,status,isolation");
    expect(csv).toContain("partial.ipynb,2,3,0,0,5,10,graded,bwrap");
    expect(fs.readFileSync(path.join(out, "results.jsonl"), "utf8").trim().split("\n")).toHaveLength(11);
    const bundle = JSON.parse(fs.readFileSync(path.join(fixtures, "golden", "gradients.bundle.json"), "utf8"));
    const secrets = bundle.tests.filter((t: { hidden: boolean }) => t.hidden).flatMap((t: { code: string; references: { value: { data?: number[] } }[] }) =>
      [t.code, ...t.references.flatMap((r) => (r.value.data ?? []).map((x) => String(x).slice(0, 8)))]);
    for (const file of fs.readdirSync(path.join(out, "feedback"))) {
      const html = fs.readFileSync(path.join(out, "feedback", file), "utf8");
      for (const secret of secrets) expect(html).not.toContain(secret);
    }
    expect(fs.readFileSync(path.join(out, "feedback", "wrong-answer.html"), "utf8")).toContain("0 / 10 points");
  });

  it("reuses cached results on a rerun", async () => {
    const again = (await run(false)).results!;
    expect(again.map((r) => [r.submission, r.score])).toEqual(results.map((r) => [r.submission, r.score]));
    expect(again.every((r) => r.timings.totalMs === results.find((x) => x.submission === r.submission)!.timings.totalMs)).toBe(true);
  });
});
