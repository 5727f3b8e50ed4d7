import * as fs from "node:fs";
import * as path from "node:path";

// A small course exercise with every instructor feature: a data file, a test that draws random
// numbers (seeded by the notebook), a partial test, a hidden counterpart, a points=0 sanity test of
// given code, and a free-text question; plus students' submissions made from its release.

type Cell = { id: string; cell_type: "code" | "markdown"; metadata: Record<string, unknown>; source: string; outputs?: unknown[]; execution_count?: null };
const code = (id: string, source: string): Cell => ({ id, cell_type: "code", metadata: {}, source, outputs: [], execution_count: null });
const md = (id: string, source: string): Cell => ({ id, cell_type: "markdown", metadata: {}, source });

/** The source notebook's cells (no kernelspec: assign writes gradlab's). */
export const sourceCells = (seeded: boolean): Cell[] => [
  code("read", `import * as fs from "fs";\nconst values = fs.readFileSync("data/values.csv", "utf8").trim().split("\\n").map(Number);${seeded ? "\nmanualSeed(7);" : ""}`),
  code("given", "const n = values.length;"),
  code("sanity", '// @test sanity points=0\ncheck("four values", n);'),
  code("mean", "function mean(xs: number[]): number {\n  // BEGIN SOLUTION\n  return xs.reduce((a, b) => a + b, 0) / xs.length;\n  // END SOLUTION\n}"),
  code("noisy", "function noisyMean(): number {\n  // BEGIN SOLUTION\n  return mean(values) + randn([1]).item() * 0;\n  // END SOLUTION\n}"),
  code("t-mean", '// @test mean points=3 partial\ncheck("mean of the data", mean(values));\ncheck("mean of [1, 2]", mean([1, 2]));\ncheck("a draw", randn([2]), { points: 1 });'),
  code("t-hidden", '// @test mean-hidden points=2 hidden\ncheck("mean of [10, 20, 60]", mean([10, 20, 60]));\ncheck("noisy mean", noisyMean());'),
  md("q", "Why is the mean sensitive to outliers?"),
  md("a", "<!-- @manual outliers points=2 -->\n<!-- BEGIN SOLUTION -->\nOne far value moves the sum.\n<!-- END SOLUTION -->"),
];

/** The unseeded variant draws numbers no seed fixes before the test that checks them. */
export const unseededCells = (): Cell[] => [
  code("draw", "const noise = randn([3]);"),
  code("f", "function twice(t: Tensor): Tensor {\n  // BEGIN SOLUTION\n  return t.mul(2);\n  // END SOLUTION\n}"),
  code("t", '// @test doubled\ncheck("twice the noise", twice(noise));'),
];

/** Write a source notebook with `cells` (and the data file beside it) into `dir`. */
export function writeSource(dir: string, name: string, cells: Cell[]): string {
  fs.mkdirSync(path.join(dir, "data"), { recursive: true });
  fs.writeFileSync(path.join(dir, "data", "values.csv"), "1\n2\n3\n10\n");
  const file = path.join(dir, `${name}.ipynb`);
  fs.writeFileSync(file, JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: { gradlab: { files: ["data/values.csv"] } }, cells }));
  return file;
}

/** A submission: the release with some cells' sources replaced. */
export function submission(release: string, out: string, sources: Record<string, string>): void {
  const nb = JSON.parse(fs.readFileSync(release, "utf8")) as { cells: { id: string; source: string | string[] }[] };
  for (const cell of nb.cells) if (cell.id in sources) cell.source = sources[cell.id];
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(nb));
}

/** The solution's code for the two functions, as a student would write it. */
export const rightAnswers = {
  mean: "function mean(xs: number[]): number {\n  return xs.reduce((a, b) => a + b, 0) / xs.length;\n}",
  noisy: "function noisyMean(): number {\n  return mean(values) + randn([1]).item() * 0;\n}",
};
