// Grading throughput: N copies (default 100) of a realistic submission (the fixture's correct
// notebook), graded like `gradlab grade --jobs 2` with the sandbox on. Prints submissions/min and
// the per-submission overhead beyond the notebook's own compute (cells + tests as the child timed
// them, including the parent's compile of each cell): overhead = wall × jobs / N − mean compute.
// Target: ≤ 0.3 s. Writes bench/out/grade.json. `gradlab grade` compiles cells in the grading
// process (one warm CellCompiler per job), so children skip building TypeScript's converter.
// Usage: npm run build && node bench/grade.mjs [N] [jobs]
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const { grade } = require(join(here, "..", "dist", "grader", "commands", "grade.js"));
const n = Number(process.argv[2] ?? 100);
const jobs = Number(process.argv[3] ?? 2);
const fixtures = join(here, "..", "test", "fixtures", "grader");
const work = mkdtempSync(join(tmpdir(), "gradlab-bench-grade-"));
const subs = join(work, "submissions");
mkdirSync(subs);
for (let i = 0; i < n; i++) {
  copyFileSync(join(fixtures, "submissions", "correct.ipynb"), join(subs, `student-${String(i).padStart(3, "0")}.ipynb`));
}
const load = loadavg()[0];
const started = performance.now();
const ctx = await grade({
  assignmentArg: join(fixtures, "golden", "gradients.bundle.json"), submissionArgs: [subs], outDir: join(work, "out"),
  cacheDir: join(work, "cache"), jobs, timeoutMs: 60_000, memoryMb: 2048, force: true, gradescope: false, sandbox: true,
  stopped: () => false, log: () => {},
});
const wallS = (performance.now() - started) / 1000;
const results = ctx.results;
const computeS = results.map((r) => (r.cells.reduce((s, c) => s + c.ms, 0) + r.tests.reduce((s, t) => s + t.ms, 0)) / 1000);
const meanCompute = computeS.reduce((a, b) => a + b, 0) / n;
const summary = {
  submissions: n, jobs, wallS: +wallS.toFixed(1), perMinute: +((n / wallS) * 60).toFixed(1),
  meanComputeS: +meanCompute.toFixed(3), overheadS: +((wallS * jobs) / n - meanCompute).toFixed(3), targetOverheadS: 0.3,
  allFull: results.every((r) => r.score === r.maxScore), loadBefore: +load.toFixed(1), loadAfter: +loadavg()[0].toFixed(1),
};
console.log(JSON.stringify(summary));
// The same figures as rows of bench/run.mjs's table (one batch: min = median = max).
const row = (c, unit, v) => console.log(JSON.stringify({ workload: "grade", case: c, unit, median: v, min: v, max: v, n: 1 }));
row(`${n} submissions, ${jobs} jobs: overhead per submission (target ≤ 0.3)`, "s", summary.overheadS);
row(`${n} submissions, ${jobs} jobs: throughput`, "submissions/min", summary.perMinute);
mkdirSync(join(here, "out"), { recursive: true });
writeFileSync(join(here, "out", "grade.json"), JSON.stringify(summary, null, 2) + "\n");
rmSync(work, { recursive: true, force: true });
