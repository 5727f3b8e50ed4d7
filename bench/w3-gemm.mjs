// W3: matrix multiply C = op(A)·op(B) for n ∈ {64, 256, 512, 1024}, gradlab's gemm (the WASM SIMD
// kernels) and, when Debian's torch imports, torch.mm on 1 thread in the same run. Protocol of the
// performance notes: ≥ 50 ms per sample, 1 warm-up, median of 7.
// stdout: one JSON line per result ({workload: "w3", case: "f64 n=512" | "f32 n=512 NT" | …,
// peer: "gradlab" | "gradlab-1t" | "torch-1t", [kernel,] unit: "GFLOP/s", median, min, max, n});
// stderr: a table. Flags: --sizes 64,512  --variants NN,NT  --dtype float32 (default float64)
// --threads 1 (default 2)  --no-torch (for bench/run.mjs, which runs torch's W3 itself).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { basename } from "node:path";
import { ceilingSampler } from "./wasm-peak.mjs";
import { emit, now, stats } from "./workload-data.mjs";

const require = createRequire(import.meta.url);
const { gemm } = require("../dist/src/kernels/gemm.js");
const { setNumThreads } = require("../dist/src/index.js");
// kernels.wasm (SIMD128) or kernels-fma.wasm (relaxed-SIMD FMA: Node ≥ 22, or node --experimental-wasm-relaxed-simd).
const kernel = basename(require("../dist/src/kernels/wasm.js").wasmKernels().path);
const argv = process.argv.slice(2);
const sizesArg = argv.includes("--sizes") ? argv[argv.indexOf("--sizes") + 1] : "64,256,512,1024";
const SIZES = sizesArg.split(",").map(Number);
const option = (name, fallback) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : fallback);
const wanted = option("variants", "NN,NT,TN").split(",");
const VARIANTS = [["NN", false, false], ["NT", false, true], ["TN", true, false]].filter(([v]) => wanted.includes(v));
const f32 = option("dtype", "float64") === "float32";
const threads = Number(option("threads", "2"));
setNumThreads(threads);
const peer = threads === 1 ? "gradlab-1t" : "gradlab";
const SAMPLES = 7;
const MIN_SAMPLE_MS = 50;
const caseName = (n, v, single = f32) => `${single ? "f32" : "f64"} n=${n}${v === "NN" ? "" : ` ${v}`}`;

function operand(n, seed) {
  let s = seed;
  return (f32 ? Float32Array : Float64Array).from({ length: n * n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  });
}

// V8 runs new WASM code in its baseline tier first and compiles the optimised tier on a background
// thread, which a busy machine can delay by seconds: products run until two 100 ms windows in a row
// agree within 10% (at most 5 s). This also starts the second thread.
function warmUp() {
  const A = operand(256, 3);
  const window = () => {
    let reps = 0;
    const t0 = now();
    while (now() - t0 < 100) for (const [, tA, tB] of VARIANTS) (gemm(tA, tB, 256, 256, 256, A, A), reps++);
    return reps;
  };
  for (let prev = window(), t0 = now(); now() - t0 < 5000; ) {
    const next = window();
    if (Math.abs(next - prev) <= 0.1 * Math.max(next, prev)) break;
    prev = next;
  }
}

const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

// On one thread, each sample is followed by a sample of the WASM ceiling of its lanes, and the
// record carries the median of the per-sample fractions: a product and the ceiling measured minutes
// apart on a shared machine see different co-tenants (the ceiling moved 14.7–18.4 GFLOP/s in an hour).
const ceiling = threads === 1 ? await ceilingSampler(f32) : null;

function gradlab() {
  warmUp();
  const out = [];
  for (const n of SIZES) {
    const A = operand(n, 1), B = operand(n, 2);
    for (const [v, tA, tB] of VARIANTS) {
      let t0 = now();
      gemm(tA, tB, n, n, n, A, B);
      const reps = Math.max(1, Math.ceil(MIN_SAMPLE_MS / Math.max(now() - t0, 1e-3)));
      const rates = [], cpuRates = [], fractions = [];
      for (let s = 0; s <= SAMPLES; s++) {
        t0 = now();
        const c0 = cpuMs();
        for (let r = 0; r < reps; r++) gemm(tA, tB, n, n, n, A, B);
        const cpuRate = (2 * n ** 3 * reps) / ((cpuMs() - c0) / 1000) / 1e9;
        if (s > 0) rates.push((2 * n ** 3 * reps) / ((now() - t0) / 1000) / 1e9);
        if (s > 0) cpuRates.push(cpuRate);
        if (s > 0 && ceiling) fractions.push(cpuRate / ceiling());
      }
      // On one thread, also the rate in this process's CPU time: what the WASM ceiling is measured
      // in (bench/wasm-peak.mjs), so the fraction of it holds on a shared machine, where wall time
      // also counts the time other processes held the core.
      out.push({ workload: "w3", case: caseName(n, v), peer, kernel, unit: "GFLOP/s", ...stats(rates), ...(threads === 1 ? { cpu: stats(cpuRates), ofCeiling: stats(fractions) } : {}) });
    }
  }
  return out;
}

const TORCH = `
import json, sys, time, torch
torch.set_num_threads(1)
sizes, samples, min_ms = [int(x) for x in sys.argv[1].split(",")], int(sys.argv[2]), float(sys.argv[3])
now = lambda: time.perf_counter() * 1000
for n in sizes:
    a, b = torch.rand(n, n, dtype=torch.float64) - 0.5, torch.rand(n, n, dtype=torch.float64) - 0.5
    out = torch.empty(n, n, dtype=torch.float64)
    for v, x, y in (("NN", a, b), ("NT", a, b.t()), ("TN", a.t(), b)):
        t0 = now(); torch.mm(x, y, out=out)
        reps = max(1, -(-min_ms // max(now() - t0, 1e-3)))
        rates = []
        for s in range(samples + 1):
            t0 = now()
            for _ in range(int(reps)): torch.mm(x, y, out=out)
            if s > 0: rates.append(2 * n ** 3 * reps / ((now() - t0) / 1000) / 1e9)
        rates.sort()
        print(json.dumps(dict(variant=v, n=n, rates=rates)), flush=True)
`;

function torch() {
  const env = { ...process.env, OPENBLAS_NUM_THREADS: "1", OMP_NUM_THREADS: "1" };
  const r = spawnSync("/usr/bin/python3", ["-c", TORCH, SIZES.join(","), String(SAMPLES), String(MIN_SAMPLE_MS)], { env, encoding: "utf8" });
  if (r.status !== 0) {
    process.stderr.write(`w3-gemm: torch could not run (exit ${r.status}); gradlab only.\n${r.stderr ?? ""}\n`);
    return [];
  }
  return r.stdout.split("\n").filter((l) => l.startsWith("{")).map((l) => {
    const { variant, n, rates } = JSON.parse(l);
    return { workload: "w3", case: caseName(n, variant, false), peer: "torch-1t", unit: "GFLOP/s", ...stats(rates) };
  });
}

const fmt = (x) => x.toFixed(2);
const ours = gradlab();
const theirs = argv.includes("--no-torch") ? [] : torch();
for (const r of [...ours, ...theirs]) emit(r);
process.stderr.write(`W3 float64 matmul, GFLOP/s median [min–max] of 7; gradlab gemm() with ${kernel}, result allocated per call; torch 1 thread, float64, into a preallocated out\n`);
for (const g of ours) {
  const t = theirs.find((x) => x.case === g.case);
  const torchCell = t ? `torch ${fmt(t.median)} [${fmt(t.min)}–${fmt(t.max)}]  gradlab/torch ${fmt(g.median / t.median)}` : "";
  process.stderr.write(`${g.case.padEnd(16)} gradlab ${fmt(g.median)} [${fmt(g.min)}–${fmt(g.max)}]  ${torchCell}\n`);
}
