// Every public test catches the usual mistakes of its exercise: each mistake of
// examples/mistakes/<assignment>.json, applied to a complete submission, is graded as a TA would
// (one batch per assignment) and must fail its exercise's public test, while the submission without
// the mistake passes them all. Submissions stop after the test cell, so a batch stays quick.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { root } from "../kernel/dist";

interface Cell { id: string; cell_type: string; source: string | string[]; metadata?: { gradlab?: { test?: string } } }
interface Notebook { cells: Cell[] }
interface Mistake { name: string; test: string; cell: string; what: string; replace: string; with: string; also?: [string, string]; from?: string }
interface Result { submission: string; tests: { id: string; passed: boolean }[] }

const cli = path.join(root, "dist", "grader", "cli.js");
const assignments = ["01-gradient-descent-autograd", "02-learning-hyperparameters", "03-deep-linear-networks"];
const text = (c: Cell) => (Array.isArray(c.source) ? c.source.join("") : c.source);
const read = (file: string) => JSON.parse(readFileSync(path.join(root, file), "utf8")) as Notebook;
const PLACEHOLDER = /\/\/ YOUR CODE HERE|_Type your answer here\._/;
const MARKER = /^[ \t]*(\/\/ (BEGIN|END) SOLUTION|<!-- (BEGIN|END) SOLUTION -->)[ \t]*\n/gm;

/** The student release with every exercise filled in from the solution, as a complete submission. */
function complete(name: string): Notebook {
  const solution = new Map(read(`solutions/${name}.ipynb`).cells.map((c) => [c.id, text(c)]));
  const release = read(`notebooks/${name}.ipynb`);
  return { ...release, cells: release.cells.map((c) => (PLACEHOLDER.test(text(c)) ? { ...c, source: (solution.get(c.id) as string).replace(MARKER, "") } : c)) };
}

/** The cells from `from` (default: the first) through the test's cell. */
function upTo(nb: Notebook, test: string, from?: string): Notebook {
  const end = nb.cells.findIndex((c) => c.metadata?.gradlab?.test === test);
  const start = from === undefined ? 0 : nb.cells.findIndex((c) => c.id === from);
  if (end < 0 || start < 0 || start > end) throw new Error(`no test ${test} after cell ${from ?? "(first)"} in the release`);
  return { ...nb, cells: nb.cells.slice(start, end + 1) };
}

/** The submission with the mistake made: each replaced text must occur exactly once in its cell. */
function withMistake(nb: Notebook, m: Mistake): Notebook {
  return {
    ...nb,
    cells: nb.cells.map((c) => {
      if (c.id !== m.cell) return c;
      let s = text(c);
      for (const [from, to] of [[m.replace, m.with], ...(m.also ? [m.also] : [])]) {
        if (s.split(from).length !== 2) throw new Error(`mistake ${m.name}: "${from}" must occur exactly once in cell ${m.cell}; update examples/mistakes/`);
        s = s.replace(from, to);
      }
      return { ...c, source: s };
    }),
  };
}

describe("public tests catch the usual mistakes", () => {
  for (const name of assignments) {
    const table = JSON.parse(readFileSync(path.join(root, "examples", "mistakes", `${name}.json`), "utf8")) as { mistakes: Mistake[] };
    it(`${name}: each of its ${table.mistakes.length} mistakes fails its public test, the right answer passes`, () => {
      const dir = mkdtempSync(path.join(tmpdir(), `gradlab-mistakes-${name}-`));
      const subs = path.join(dir, "submissions");
      mkdirSync(subs);
      const full = complete(name);
      // One right submission per starting cell, as long as its longest mistake: it must pass every public test in it.
      const groups = [...new Set(table.mistakes.map((m) => m.from))];
      const lastTest = (from: string | undefined) => {
        const tests = table.mistakes.filter((m) => m.from === from).map((m) => m.test);
        return full.cells.map((c) => c.metadata?.gradlab?.test).filter((t): t is string => t !== undefined && tests.includes(t)).at(-1) as string;
      };
      const controls = groups.map((from, k) => ({ file: `right-${k}.ipynb`, nb: upTo(full, lastTest(from), from), tests: [...new Set(table.mistakes.filter((m) => m.from === from).map((m) => m.test))] }));
      for (const c of controls) writeFileSync(path.join(subs, c.file), JSON.stringify(c.nb));
      for (const m of table.mistakes) writeFileSync(path.join(subs, `${m.name}.ipynb`), JSON.stringify(upTo(withMistake(full, m), m.test, m.from)));
      const grade = spawnSync(process.execPath, [cli, "grade", name, subs, "--out", path.join(dir, "grades"), "--force", "--jobs", "2", "--timeout", "60"], { cwd: root, encoding: "utf8" });
      expect(grade.status, grade.stderr).toBe(0);
      const results = readFileSync(path.join(dir, "grades", "results.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as Result);
      const passed = (sub: string, test: string) => results.find((r) => r.submission === sub)?.tests.find((t) => t.id === test)?.passed;
      const verdicts = Object.fromEntries([
        ...controls.flatMap((c) => c.tests.map((t) => [`${c.file}: ${t}`, passed(c.file, t)])),
        ...table.mistakes.map((m) => [m.name, passed(`${m.name}.ipynb`, m.test)]),
      ]);
      expect(verdicts).toEqual(Object.fromEntries([
        ...controls.flatMap((c) => c.tests.map((t) => [`${c.file}: ${t}`, true])),
        ...table.mistakes.map((m) => [m.name, false]),
      ]));
    }, 600_000);
  }

  it("the examples README lists every mistake", () => {
    const readme = readFileSync(path.join(root, "examples", "mistakes", "README.md"), "utf8");
    for (const name of assignments) {
      const table = JSON.parse(readFileSync(path.join(root, "examples", "mistakes", `${name}.json`), "utf8")) as { mistakes: Mistake[] };
      for (const m of table.mistakes) expect(readme, m.name).toContain(`\`${m.name}\``);
    }
  });
});
