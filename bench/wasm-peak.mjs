// The WebAssembly SIMD multiply-add ceiling of this machine, measured in this process: compiles
// bench/wasm/peak.ts (with relaxed-SIMD FMA when this runtime validates it, as the library's kernel
// choice does), warms it up and reports the median GFLOP/s of 11 samples of ≥ 50 ms each, in CPU
// time of this thread, f64x2 and f32x4 samples interleaved (so both see the same co-tenants).
// `node bench/wasm-peak.mjs` prints JSON lines; bench/run.mjs runs it, w3-gemm.mjs imports ceilingSampler.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { emit, stats } from "./workload-data.mjs";

const here = dirname(fileURLToPath(import.meta.url));

/** Compiles peak.ts; `fma` adds relaxed SIMD. Returns null when this runtime rejects the module. */
export async function compilePeak(fma) {
  const asc = await import("assemblyscript/asc");
  const source = readFileSync(join(here, "wasm", "peak.ts"), "utf8");
  const features = fma ? ["simd", "relaxed-simd"] : ["simd"];
  const { error, binary, stderr } = await asc.compileString({ "peak.ts": source }, { optimizeLevel: 3, runtime: "stub", noAssert: true, enable: features });
  if (error) throw new Error(`wasm-peak: compiling peak.ts failed: ${error.message}\n${stderr}`);
  if (!WebAssembly.validate(binary)) return null;
  return new WebAssembly.Instance(new WebAssembly.Module(binary), {}).exports;
}

const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

/** Iterations of fn that take about 50 ms, after a warm-up into V8's optimising tier. */
function calibrate(fn) {
  const iters = 1e5;
  for (let t = 0; t < 400; ) { const t0 = cpuMs(); fn(iters, 1.5); t += cpuMs() - t0; }
  const t0 = cpuMs();
  fn(iters, 1.5);
  return Math.max(iters, Math.ceil((iters * 50) / Math.max(cpuMs() - t0, 1e-3)));
}

/** Median GFLOP/s of each kernel, samples interleaved. */
function rates(kernels) {
  const runs = kernels.map(([fn, flop]) => ({ fn, flop, iters: calibrate(fn), rates: [] }));
  for (let s = 0; s < 11; s++) {
    for (const r of runs) {
      const t0 = cpuMs();
      r.fn(r.iters, 1.5);
      r.rates.push((r.flop * r.iters) / ((cpuMs() - t0) / 1000) / 1e9);
    }
  }
  return runs.map((r) => stats(r.rates));
}

// The peak kernels with FMA when this runtime validates relaxed SIMD (as the library's kernel choice), else mul + add.
async function peakKernels() {
  const fma = await compilePeak(true);
  return { k: fma ?? (await compilePeak(false)), how: fma ? "relaxed-SIMD FMA" : "mul + add" };
}

/** One ceiling sample of the dtype's lanes (f64x2 or f32x4) on demand: GFLOP/s in CPU time over
 * ≥ 50 ms, for interleaving with a kernel's samples (bench/w3-gemm.mjs), so both see the same co-tenants. */
export async function ceilingSampler(f32) {
  const { k } = await peakKernels();
  const [fn, flop] = f32 ? [k.peakF32, 96] : [k.peakF64, 48];
  const iters = calibrate(fn);
  return () => {
    const t0 = cpuMs();
    fn(iters, 1.5);
    return (flop * iters) / ((cpuMs() - t0) / 1000) / 1e9;
  };
}

/** The f64x2 and f32x4 ceilings as table rows, with FMA when the runtime has relaxed SIMD. */
export async function measurePeaks() {
  const { k, how } = await peakKernels();
  const [f64, f32] = rates([[k.peakF64, 48], [k.peakF32, 96]]);
  return [
    { workload: "ceiling", case: "WASM f64x2 multiply-add peak", peer: "ceiling", how, unit: "GFLOP/s", ...f64 },
    { workload: "ceiling", case: "WASM f32x4 multiply-add peak", peer: "ceiling", how, unit: "GFLOP/s", ...f32 },
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) for (const r of await measurePeaks()) emit(r);
