// Grading throughput: N copies (default 100) of a realistic submission (the fixture's correct
// notebook), graded like `gradlab grade --jobs 2` in the default sandbox (bubblewrap) and then with
// `--sandbox node` (the permission model only), so what bubblewrap adds per submission is the
// difference of the two (pass `bwrap` or `node` as the third argument for one). Prints submissions/min and the per-submission
// overhead beyond the notebook's own compute (cells + tests as the child timed them, including the
// parent's compile of each cell): overhead = wall × jobs / N − mean compute. Target: ≤ 0.3 s. Also
// measures what bubblewrap adds to starting a process: `node -e 0` inside the sandbox vs plain.
// Writes bench/out/grade.json. Usage: npm run build && node bench/grade.mjs [N] [jobs] [bwrap,node]
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { now, stats } from "./workload-data.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const dist = join(here, "..", "dist", "grader");
const { grade } = require(join(dist, "commands", "grade.js"));
const { sandboxes } = require(join(dist, "runner", "index.js"));
const n = Number(process.argv[2] ?? 100);
const jobs = Number(process.argv[3] ?? 2);
const sandboxKinds = (process.argv[4] ?? "bwrap,node").split(",");

// Process start with and without bubblewrap, interleaved (the machine is shared).
function startCost() {
  const env = { PATH: process.env.PATH };
  const confined = sandboxes.bwrap.confine({ node: process.execPath, args: ["-e", "0"], cwd: join(tmpdir(), "gradlab-bench-start"), reads: [], env, scratchBytes: 1 << 20, files: [] });
  const boxed = [], plain = [];
  for (let i = 0; i < 22; i++) {
    let t0 = now();
    const r = spawnSync(confined.command, confined.args, { uid: confined.uid, gid: confined.gid });
    if (r.status !== 0) throw new Error(`bench: bwrap could not start node: ${r.stderr}`);
    const t = now() - t0;
    t0 = now();
    spawnSync(process.execPath, ["-e", "0"], { env });
    if (i >= 2) boxed.push(t), plain.push(now() - t0);
  }
  return { boxed: stats(boxed), plain: stats(plain) };
}

const start = startCost();
const fixtures = join(here, "..", "test", "fixtures", "grader");

// One batch of n copies in `sandbox`: its summary, and its rows for bench/run.mjs's table.
async function batch(sandbox) {
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
    cacheDir: join(work, "cache"), jobs, timeoutMs: 60_000, submissionTimeoutMs: 600_000, memoryMb: 2048, force: true, gradescope: false,
    sandbox, stopped: () => false, log: () => {},
  });
  const wallS = (performance.now() - started) / 1000;
  const results = ctx.results;
  const computeS = results.map((r) => (r.cells.reduce((s, c) => s + c.ms, 0) + r.tests.reduce((s, t) => s + t.ms, 0)) / 1000);
  const meanCompute = computeS.reduce((a, b) => a + b, 0) / n;
  rmSync(work, { recursive: true, force: true });
  return {
    submissions: n, jobs, sandbox, wallS: +wallS.toFixed(1), perMinute: +((n / wallS) * 60).toFixed(1),
    meanComputeS: +meanCompute.toFixed(3), overheadS: +((wallS * jobs) / n - meanCompute).toFixed(3), targetOverheadS: 0.3,
    allFull: results.every((r) => r.score === r.maxScore), loadBefore: +load.toFixed(1), loadAfter: +loadavg()[0].toFixed(1),
  };
}

// The same figures as rows of bench/run.mjs's table (one batch: min = median = max).
const row = (c, unit, v) => console.log(JSON.stringify({ workload: "grade", case: c, unit, median: v, min: v, max: v, n: 1 }));
const summaries = [];
for (const sandbox of sandboxKinds) {
  const summary = await batch(sandbox);
  summaries.push(summary);
  console.log(JSON.stringify(summary));
  row(`${n} submissions, ${jobs} jobs, --sandbox ${sandbox}: overhead per submission (target ≤ 0.3)`, "s", summary.overheadS);
  row(`${n} submissions, ${jobs} jobs, --sandbox ${sandbox}: throughput`, "submissions/min", summary.perMinute);
}
const [boxed, plain] = ["bwrap", "node"].map((k) => summaries.find((s) => s.sandbox === k));
if (boxed && plain) row(`${n} submissions, ${jobs} jobs: what bubblewrap adds per submission (bwrap − node overhead)`, "s", +(boxed.overheadS - plain.overheadS).toFixed(3));
console.log(JSON.stringify({ workload: "grade", case: "start node -e 0 in bubblewrap", unit: "ms", ...start.boxed }));
console.log(JSON.stringify({ workload: "grade", case: "start node -e 0 (baseline)", unit: "ms", ...start.plain }));
mkdirSync(join(here, "out"), { recursive: true });
writeFileSync(join(here, "out", "grade.json"), JSON.stringify({ batches: summaries, bwrapStartMs: +start.boxed.median.toFixed(1), plainStartMs: +start.plain.median.toFixed(1) }, null, 2) + "\n");
