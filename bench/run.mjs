// `npm run bench`: workloads W1–W5 of the performance notes in gradlab and, when Debian's torch
// imports, in PyTorch (1 thread, float32 as in the notes) in the same run; prints medians, ranges
// and gradlab/torch ratios against the targets, and writes bench/out/results.json.
// `node bench/run.mjs --torch-f64` runs torch in float64 (gradlab's dtype) instead.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { now, stats } from "./workload-data.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const PY = "/usr/bin/python3";
// NODE_EXTRA_CA_CERTS (set on this workplace's machines) adds ~30 ms to every node start; users do not have it.
const nodeEnv = { ...process.env };
delete nodeEnv.NODE_EXTRA_CA_CERTS;
const torchF64 = process.argv.includes("--torch-f64");
const torchArgs = (w) => [join(here, "torch_workloads.py"), w, ...(torchF64 ? ["--f64"] : [])];
const torchEnv = { ...process.env, OPENBLAS_NUM_THREADS: "1", OMP_NUM_THREADS: "1" };

function jsonLines(cmd, args, env, label) {
  process.stderr.write(`bench: ${label} …\n`);
  const r = spawnSync(cmd, args, { cwd: here, env, encoding: "utf8", maxBuffer: 1 << 24 });
  if (r.status !== 0) {
    process.stderr.write(`bench: ${label} failed (exit ${r.status}):\n${r.stderr}\n`);
    return [];
  }
  // Only table rows (a workload and a case); scripts may print other summaries too.
  return r.stdout.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l)).filter((r) => r.workload !== undefined && r.case !== undefined);
}

// W5: wall time of a fresh process that loads gradlab and runs a tiny backward.
function w5Gradlab() {
  const main = join(root, "dist/src/index.js");
  const code = `const g = require(${JSON.stringify(main)}); const w = g.tensor([1, 2, 3], { requiresGrad: true });
w.mul(w).sum().backward(); if (w.grad.toArray().join() !== "2,4,6") process.exit(3);`;
  process.stderr.write("bench: gradlab w5 …\n");
  // An empty node start, interleaved, shows how much of W5 is node itself on a loaded machine.
  const ms = [], empty = [];
  for (let i = 0; i < 12; i++) {
    let t0 = now();
    const r = spawnSync(process.execPath, ["-e", code], { env: nodeEnv });
    const t = now() - t0;
    if (r.status !== 0) throw new Error(`bench: the W5 child failed (exit ${r.status}): ${r.stderr}`);
    t0 = now();
    spawnSync(process.execPath, ["-e", "0"], { env: nodeEnv });
    if (i >= 2) ms.push(t), empty.push(now() - t0);
  }
  return [
    { workload: "w5", case: "import + tiny backward", unit: "ms", ...stats(ms) },
    { workload: "w5", case: "node -e 0 (baseline)", unit: "ms", ...stats(empty) },
  ];
}

const loadBefore = loadavg();
const torchOk = spawnSync(PY, ["-c", "import torch"], { env: torchEnv }).status === 0;
const gradlab = [];
const torch = [];
for (const w of ["w1", "w2", "w4"]) {
  gradlab.push(...jsonLines(process.execPath, [join(here, "library.mjs"), w], nodeEnv, `gradlab ${w}`));
  if (torchOk) torch.push(...jsonLines(PY, torchArgs(w), torchEnv, `torch ${w}`));
}
const w3Script = join(here, "w3-gemm.mjs");
if (existsSync(w3Script)) {
  const w3 = jsonLines(process.execPath, [w3Script, "--no-torch"], nodeEnv, "gradlab w3 (w3-gemm.mjs)");
  gradlab.push(...w3.filter((r) => r.peer === undefined || r.peer === "gradlab"));
}
if (torchOk) torch.push(...jsonLines(PY, torchArgs("w3"), torchEnv, "torch w3"));
gradlab.push(...w5Gradlab());
for (const extra of ["kernel.mjs", "grade.mjs", "site.mjs"]) {
  const script = join(here, extra);
  if (existsSync(script)) gradlab.push(...jsonLines(process.execPath, [script], nodeEnv, `gradlab ${extra}`));
}
if (torchOk) torch.push(...jsonLines(PY, torchArgs("w5"), torchEnv, "torch w5"));

const TARGETS = {
  w1: { ratio: 0.25, text: "≤ 0.25× torch" },
  w4: { ratio: 0.7, text: "≤ 0.7× torch" },
  w5: { ms: 60, text: "≤ 60 ms" },
};
const fmt = (v) => (v === undefined ? "" : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v >= 1 ? v.toFixed(2) : v.toPrecision(3));
const cell = (r) => (r ? `${fmt(r.median)} [${fmt(r.min)}–${fmt(r.max)}]` : "–");
const key = (r) => `${r.workload}|${r.case}`;
const torchBy = new Map(torch.map((r) => [key(r), r]));

const rows = [];
for (const g of gradlab) {
  // W3's transposed variants ("f64 n=512 NT") are compared with torch's plain product of that size.
  const t = torchBy.get(key(g)) ?? torchBy.get(`${g.workload}|${g.case.replace(/ (NT|TN)$/, "")}`);
  // For a rate (GFLOP/s) the comparable ratio is torch/gradlab, so > 1 always means gradlab is slower.
  const ratio = t ? (g.unit === "GFLOP/s" ? t.median / g.median : g.median / t.median) : undefined;
  const target = TARGETS[g.workload];
  let met;
  if (target?.ratio !== undefined && ratio !== undefined) met = ratio <= target.ratio;
  if (target?.ms !== undefined && g.case === "import + tiny backward") met = g.median <= target.ms;
  rows.push({ workload: g.workload, case: g.case, unit: g.unit, gradlab: g, torch: t, ratio, target: met === undefined ? undefined : target?.text, met });
}
for (const t of torch) if (!gradlab.some((g) => key(g) === key(t))) rows.push({ workload: t.workload, case: t.case, unit: t.unit, torch: t });

const header = ["workload", "case", "unit", "gradlab median [min–max]", `torch-1t median [min–max] (W3 f64; others ${torchF64 ? "f64" : "f32"})`, "gradlab/torch", "target", "met"];
const lines = rows.map((r) => [r.workload.toUpperCase(), r.case, r.unit, cell(r.gradlab), cell(r.torch), r.ratio === undefined ? "" : `${fmt(r.ratio)}×`, r.target ?? "", r.met === undefined ? "" : r.met ? "yes" : "NO"]);
const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
const print = (l) => console.log("| " + l.map((c, i) => c.padEnd(widths[i])).join(" | ") + " |");
print(header);
console.log("|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|");
lines.forEach(print);
console.log("gradlab/torch is a time ratio (< 1: gradlab faster); for GFLOP/s rows it is torch's rate / gradlab's rate.");
console.log(`load average before / after: ${loadBefore.map((v) => v.toFixed(2)).join(" ")} / ${loadavg().map((v) => v.toFixed(2)).join(" ")} (the machine is shared: compare ratios from one run)`);
if (!torchOk) console.log(`\n${PY} cannot import torch: PyTorch columns are empty (apt-get install python3-torch).`);

const checks = [];
const check = (label, got, want, tol) => {
  if (got === undefined) return;
  const ok = Math.abs(got - want) <= tol * Math.abs(want);
  checks.push({ label, got, want, ok });
  console.log(`check ${label}: ${got.toPrecision(7)} (expected ≈ ${want}) ${ok ? "ok" : "MISMATCH"}`);
};
console.log(`\nChecks (gradlab in float64, torch in ${torchF64 ? "float64" : "float32"}):`);
const find = (list, w) => list.find((r) => r.workload === w);
check("W1 gradlab loss at step 10", find(gradlab, "w1")?.check?.lossAfter10, 1.69797e-4, 1e-5);
check("W1 torch loss at step 10", find(torch, "w1")?.check?.lossAfter10, torchF64 ? 1.69797e-4 : 1.69873e-4, 1e-5);
check("W2 gradlab loss at step 10", find(gradlab, "w2")?.check?.loss10, 2.232984, 1e-6);
check("W2 torch loss at step 10", find(torch, "w2")?.check?.loss10, 2.232984, 1e-6);
check("W4 gradlab final loss (depth 2, lr 0.3)", find(gradlab, "w4")?.check?.depth2lr03, 0.660505, 1e-5);
check("W4 torch final loss (depth 2, lr 0.3)", find(torch, "w4")?.check?.depth2lr03, 0.660505, 1e-5);

mkdirSync(join(here, "out"), { recursive: true });
const meta = { date: new Date().toISOString(), node: process.version, torch: torchOk ? `${torchF64 ? "float64" : "float32"}, 1 thread` : "unavailable", openblasCoretype: process.env.OPENBLAS_CORETYPE ?? null, loadBefore, loadAfter: loadavg() };
writeFileSync(join(here, "out", "results.json"), JSON.stringify({ meta, rows, checks, gradlab, torch }, null, 2) + "\n");
console.log(`\nwrote ${join("bench", "out", "results.json")}`);
