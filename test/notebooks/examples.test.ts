// The example submissions graded as a TA would, one batch per assignment, must get the scores
// examples/submissions/README.md promises; hostile attempts must leave no trace outside their sandbox.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { root } from "../kernel/dist";

const cli = path.join(root, "dist", "grader", "cli.js");

const expected: Record<string, { maxScore: number; scores: Record<string, number> }> = {
  "01-gradient-descent-autograd": {
    maxScore: 24,
    scores: {
      "complete.ipynb": 24,
      "explores.ipynb": 24,
      "sign-error.ipynb": 16,
      "forgot-zero-grad.ipynb": 16,
      "wrong-mean.ipynb": 20,
      "partial.ipynb": 8,
      "unfinished.ipynb": 4,
      "hung.ipynb": 24,
      "hostile.ipynb": 4,
      "moved-cells.ipynb": 24,
      "blank.ipynb": 0,
    },
  },
  "02-learning-hyperparameters": {
    maxScore: 24,
    scores: {
      "complete.ipynb": 24,
      "explores.ipynb": 24,
      "sign-error.ipynb": 13,
      "sum-not-mean.ipynb": 13,
      "loss-sum.ipynb": 15,
      "first-below.ipynb": 18,
      "diagnosis-mixup.ipynb": 19,
      "partial.ipynb": 11,
      "hung.ipynb": 24,
      "hostile.ipynb": 18,
      "unfinished.ipynb": 0,
    },
  },
  "03-deep-linear-networks": {
    maxScore: 27,
    scores: {
      "complete.ipynb": 27,
      "explores.ipynb": 27,
      "sqrt-gamma.ipynb": 18,
      "unfinished.ipynb": 0,
    },
  },
};

interface Result { submission: string; score: number; maxScore: number; status: string }

describe("example submissions", () => {
  for (const [assignment, want] of Object.entries(expected)) {
    it(`${assignment}: one batch gives every attempt its expected score`, () => {
      const out = mkdtempSync(path.join(tmpdir(), `gradlab-examples-${assignment}-`));
      const grade = spawnSync(
        process.execPath,
        [cli, "grade", assignment, path.join(root, "examples", "submissions", assignment), "--out", out, "--force", "--jobs", "2", "--timeout", "30"],
        { cwd: root, encoding: "utf8" },
      );
      expect(grade.status, grade.stderr).toBe(0);
      const results = readFileSync(path.join(out, "results.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as Result);
      const got = Object.fromEntries(results.map((r) => [path.basename(r.submission), r.score]));
      expect(got).toEqual(want.scores);
      for (const r of results) expect(r.maxScore, r.submission).toBe(want.maxScore);
    }, 600_000);
  }

  it("hostile attempts wrote nothing outside their scratch folders", () => {
    expect(existsSync("/tmp/gradlab-pwned")).toBe(false);
    expect(existsSync("/tmp/gradlab-pwned.txt")).toBe(false);
    expect(existsSync(path.join(root, "solutions", "hacked.txt"))).toBe(false);
  });
});
