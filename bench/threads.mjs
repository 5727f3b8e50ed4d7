// Where a second thread starts to pay: the time of an n×n×n product on one and on two threads
// (every size split, whatever THREADS_MIN_MULTIPLY_ADDS says), float32 and float64, medians of 7
// samples of ≥ 40 ms. The crossover sets THREADS_MIN_MULTIPLY_ADDS in src/kernels/gemm-wasm.ts.
// `node --experimental-wasm-relaxed-simd bench/threads.mjs` prints one JSON line per size and dtype.
import { createRequire } from "node:module";
import { emit, now, stats } from "./workload-data.mjs";

const require = createRequire(import.meta.url);
const { gemm } = require("../dist/src/kernels/gemm.js");
const { setNumThreads, secondThread } = require("../dist/src/kernels/threads.js");
const { setThreadsMinMultiplyAdds, THREADS_MIN_MULTIPLY_ADDS } = require("../dist/src/kernels/gemm-wasm.js");
const { wasmKernels } = require("../dist/src/kernels/wasm.js");

const threshold = THREADS_MIN_MULTIPLY_ADDS;
setThreadsMinMultiplyAdds(1);
const warm = new Float32Array(256 * 256);
for (const t0 = now(); secondThread(wasmKernels()) === null && now() - t0 < 3000; ) gemm(false, false, 256, 256, 256, warm, warm);

function microseconds(n, A, threads) {
  setNumThreads(threads);
  for (const t0 = now(); now() - t0 < 100; ) gemm(false, true, n, n, n, A, A);
  const us = [];
  for (let s = 0; s < 7; s++) {
    let reps = 0;
    const t0 = now();
    while (now() - t0 < 40) (gemm(false, true, n, n, n, A, A), reps++);
    us.push(((now() - t0) * 1000) / reps);
  }
  return stats(us).median;
}

for (const [label, Arr] of [["f32", Float32Array], ["f64", Float64Array]]) {
  for (const n of [64, 96, 128, 160, 256]) {
    const A = Arr.from({ length: n * n }, (_, i) => ((i * 7919) % 1000) / 1000 - 0.5);
    const one = microseconds(n, A, 1), two = microseconds(n, A, 2);
    emit({ workload: "threads", case: `${label} ${n}×${n}×${n} (${n ** 3} multiply-adds${n ** 3 >= threshold ? ", split" : ""})`, peer: "gradlab", unit: "speedup", median: one / two, min: one / two, max: one / two, oneThreadUs: one, twoThreadsUs: two });
  }
}
