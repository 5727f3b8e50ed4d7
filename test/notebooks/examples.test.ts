// The example submissions graded as a TA would, one batch per assignment, must get the scores
// examples/submissions/README.md promises; hostile attempts must leave no trace outside their sandbox.
// Then, for each of the course's three assignments, every hidden check is made to fail (its references
// perturbed) and what students receive is searched for anything of the hidden tests.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import type * as ResolveModule from "../../grader/grading/resolve-assignment";
import { fromDist, root } from "../kernel/dist";

const cli = path.join(root, "dist", "grader", "cli.js");
const { resolveAssignment } = fromDist<typeof ResolveModule>("grader/grading/resolve-assignment");

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
      "plot-fails.ipynb": 24,
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

interface Ref { label: string; value: Value }
type Value = { kind: string; data?: (number | string)[]; value?: unknown; items?: Value[]; fields?: Record<string, Value> };
interface BundleTest { id: string; hidden: boolean; code: string; references: Ref[] }
interface Check { label: string; passed: boolean; code: string; maxAbsError: number | null; message: string }
interface Graded { notice: string; tests: { id: string; hidden: boolean; checks: Check[] }[] }

// Every reference value moved off what the solution computes, so every check of it fails on a solution.
function perturb(v: Value): Value {
  switch (v.kind) {
    case "numeric": return { ...v, data: v.data!.map((x) => (typeof x === "number" ? x * 1.5 + 0.25 : x)) };
    case "boolean": return { ...v, value: !v.value };
    case "string": return { ...v, value: `${String(v.value)}?` };
    case "list": return { ...v, items: v.items!.map(perturb) };
    case "object": return { ...v, fields: Object.fromEntries(Object.entries(v.fields!).map(([k, f]) => [k, perturb(f)])) };
    default: return v;
  }
}

const numbersOf = (v: Value): number[] =>
  [...(v.data ?? []).filter((x): x is number => typeof x === "number"), ...(v.items ?? []).flatMap(numbersOf), ...Object.values(v.fields ?? {}).flatMap(numbersOf)];

// The ways messages print numbers; only numbers distinctive enough that finding one means a leak.
const printed = (x: number): string[] =>
  Number.isInteger(x * 100) ? [] : [String(x), ...[3, 4, 5, 6].map((p) => x.toPrecision(p)), ...[1, 2, 3].map((d) => x.toExponential(d))];

describe("what students receive about hidden tests, for every hidden check of the course", () => {
  for (const assignment of Object.keys(expected)) {
    it(`${assignment}: pass/fail and a category only — no test code, no reference or number derived from one`, async () => {
      const source = path.join(root, "solutions", `${assignment}.ipynb`);
      const work = mkdtempSync(path.join(tmpdir(), `gradlab-hidden-${assignment}-`));
      // The grader's own cache (keyed by the source and the bundle format), which the batch above filled.
      const bundle = (await resolveAssignment(source, () => undefined)) as unknown as { tests: BundleTest[] };
      const hidden = bundle.tests.filter((t) => t.hidden);
      const moved = { ...bundle, tests: bundle.tests.map((t) => (t.hidden ? { ...t, references: t.references.map((r) => ({ ...r, value: perturb(r.value) })) } : t)) };
      writeFileSync(path.join(work, "moved.json"), JSON.stringify(moved));
      const out = path.join(work, "out");
      const run = spawnSync(process.execPath, [cli, "grade", path.join(work, "moved.json"), source, "--out", out, "--format", "gradescope", "--force", "--timeout", "60"], { cwd: work, encoding: "utf8" });
      expect(run.status, run.stderr).toBe(0);
      const ta = JSON.parse(readFileSync(path.join(out, "results.jsonl"), "utf8")) as Graded;
      const taChecks = ta.tests.filter((t) => t.hidden).flatMap((t) => t.checks);
      expect(ta.notice).toMatch(/^TA record, not for students/);
      expect(taChecks).toHaveLength(hidden.reduce((n, t) => n + t.references.length, 0));
      expect(taChecks.every((c) => !c.passed && (c.code === "not-close" || c.code === "not-equal"))).toBe(true);
      const students = ["results.json", path.join("feedback", `${path.basename(source, ".ipynb")}.html`)].map((f) => readFileSync(path.join(out, f), "utf8"));
      for (const text of students) for (const c of taChecks) expect(text).toContain(`✗ ${c.label}: wrong value`);
      const secrets = [
        ...hidden.flatMap((t) => t.code.split("\n").map((l) => l.trim()).filter((l) => l.length > 12)),
        ...hidden.flatMap((t) => t.references.flatMap((r) => [...numbersOf(r.value), ...numbersOf(perturb(r.value))])).flatMap(printed),
        ...taChecks.flatMap((c) => (c.maxAbsError === null ? [] : printed(c.maxAbsError))),
      ];
      expect(secrets.some((s) => JSON.stringify(ta).includes(s)), "the TA's record keeps the detail").toBe(true);
      for (const text of students) expect(secrets.filter((s) => text.includes(s))).toEqual([]);
    });
  }
});
