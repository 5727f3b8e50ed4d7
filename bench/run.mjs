// `npm run bench`: workloads W1–W5 of the performance notes in gradlab (float64 and float32, one
// and two threads), and in the same run PyTorch (Debian's, 1 thread; W1/W4 in float32 as the notes,
// `--torch-f64` for float64), TensorFlow.js's WASM backend (W2, W3) and the machine's WASM SIMD
// multiply-add ceiling. Checks first that torch runs on an optimised BLAS (it stops on a reference
// BLAS, which would make every ratio meaningless) and names it. Prints the table (bench/table.mjs),
// and writes bench/out/results.json. Children run with gradlab's Node flags (relaxed-SIMD FMA).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { printTable } from "./table.mjs";
import { now, stats } from "./workload-data.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const PY = "/usr/bin/python3";
const { gradlabNodeFlags } = createRequire(import.meta.url)("../dist/src/node-flags.js");
const flags = gradlabNodeFlags();
// NODE_EXTRA_CA_CERTS (set on this workplace's machines) adds ~30 ms to every node start; users do not have it.
const nodeEnv = { ...process.env };
delete nodeEnv.NODE_EXTRA_CA_CERTS;
const torchF64 = process.argv.includes("--torch-f64");
// OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE pass through untouched: the BLAS check reports the kernel they give.
const torchEnv = { ...process.env, OPENBLAS_NUM_THREADS: "1", OMP_NUM_THREADS: "1" };

function jsonLines(cmd, args, env, label) {
  process.stderr.write(`bench: ${label} …\n`);
  const r = spawnSync(cmd, args, { cwd: here, env, encoding: "utf8", maxBuffer: 1 << 24 });
  if (r.status !== 0) {
    process.stderr.write(`bench: ${label} failed (exit ${r.status}):\n${r.stderr}\n`);
    return [];
  }
  return r.stdout.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l));
}
const node = (script, args, label) => jsonLines(process.execPath, [...flags, join(here, script), ...args], nodeEnv, label).filter((r) => r.workload);
const torch = (w, f64 = torchF64) => jsonLines(PY, [join(here, "torch_workloads.py"), w, ...(f64 ? ["--f64"] : [])], torchEnv, `torch ${w}${f64 ? " f64" : ""}`)
  .map((r) => ({ peer: "torch-1t", ...r }));

// W5: wall time of a fresh process that loads gradlab by its package entry (dist/gradlab.js, what a
// student's `require("gradlab")` loads) and runs a tiny backward (no Node flags: a student's plain
// `node`), next to an empty node start, interleaved, on the same loaded machine.
function w5Gradlab() {
  const code = `const g = require(${JSON.stringify(root)}); const w = g.tensor([1, 2, 3], { requiresGrad: true });
w.mul(w).sum().backward(); if (w.grad.toArray().join() !== "2,4,6") process.exit(3);`;
  process.stderr.write("bench: gradlab w5 …\n");
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
    { workload: "w5", case: "import + tiny backward", peer: "gradlab", unit: "ms", ...stats(ms) },
    { workload: "w5", case: "import + tiny backward", peer: "node -e 0", unit: "ms", ...stats(empty) },
  ];
}

const loadBefore = loadavg();
const torchOk = spawnSync(PY, ["-c", "import torch"], { env: torchEnv }).status === 0;
let blas = null;
if (torchOk) {
  [blas] = jsonLines(PY, [join(here, "torch_workloads.py"), "blas"], torchEnv, "torch's BLAS");
  if (blas === undefined || !["openblas", "mkl"].includes(blas.blas)) {
    console.log(`bench: PyTorch's matrix products run on ${blas?.libraries ?? "an unknown library"} (${blas?.blas ?? "?"}), not an optimised BLAS:`);
    console.log("every gradlab/PyTorch ratio would be meaningless. Install OpenBLAS (apt-get install libopenblas0-pthread) and rerun.");
    process.exit(1);
  }
}
const records = [];
const add = (rs) => records.push(...rs);
add(node("wasm-peak.mjs", [], "the WASM SIMD ceiling"));
for (const w of ["w1", "w4"]) {
  add(node("library.mjs", [w], `gradlab ${w}`));
  if (torchOk) add(torch(w));
}
for (const dtype of ["float32", "float64"]) {
  for (const threads of ["2", "1"]) add(node("library.mjs", ["w2", "--dtype", dtype, "--threads", threads], `gradlab w2 ${dtype} ${threads}t`));
  if (torchOk) add(torch("w2", dtype === "float64"));
  for (const threads of ["2", "1"]) add(node("w3-gemm.mjs", ["--no-torch", "--dtype", dtype, "--threads", threads, "--sizes", "256,512,1024", "--variants", "NN"], `gradlab w3 ${dtype} ${threads}t`));
  add(node("w3-gemm.mjs", ["--no-torch", "--dtype", dtype, "--threads", "1", "--sizes", "512", "--variants", "NT,TN"], `gradlab w3 ${dtype} NT/TN`));
}
if (torchOk) add(torch("w3"));
add(node("threads.mjs", [], "one vs two threads"));
add(node("tfjs.mjs", ["w2"], "tfjs-wasm w2").concat(node("tfjs.mjs", ["w3", "--sizes", "256,512,1024"], "tfjs-wasm w3")));
add(w5Gradlab());
if (torchOk) add(torch("w5"));
for (const extra of ["kernel.mjs", "grade.mjs", "site.mjs"]) if (existsSync(join(here, extra))) add(node(extra, [], `gradlab ${extra}`).map((r) => ({ peer: "gradlab", ...r })));

const load = { before: loadBefore, after: loadavg() };
const checks = printTable(records, { blas, torchOk, torchF64, load, flags });
mkdirSync(join(here, "out"), { recursive: true });
const meta = { date: new Date().toISOString(), node: process.version, flags, blas, torch: torchOk ? `1 thread; W1/W4 ${torchF64 ? "float64" : "float32"}` : "unavailable", openblasCoretype: process.env.OPENBLAS_CORETYPE ?? null, load };
writeFileSync(join(here, "out", "results.json"), JSON.stringify({ meta, records, checks }, null, 2) + "\n");
console.log(`\nwrote ${join("bench", "out", "results.json")}`);
