// The WebAssembly SIMD multiply-add ceiling of this machine, measured in this process: compiles
// bench/wasm/peak.ts (with relaxed-SIMD FMA when this runtime validates it, as the library's kernel
// choice does), warms it up and reports the median GFLOP/s of 7 samples of ≥ 50 ms, in CPU time of
// this thread (so a busy shared machine lowers the sample count, not the rate).
// `node bench/wasm-peak.mjs` prints JSON lines; bench/run.mjs and w3-gemm.mjs import measurePeaks.
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

function rate(fn, flopPerIter) {
  let iters = 1e5;
  for (let t = 0; t < 400; ) { const t0 = cpuMs(); fn(iters, 1.5); t += cpuMs() - t0; } // warm-up into the optimising tier
  const t0 = cpuMs(); fn(iters, 1.5);
  iters = Math.max(1e5, Math.ceil(iters * 50 / Math.max(cpuMs() - t0, 1e-3)));
  const rates = [];
  for (let s = 0; s < 7; s++) {
    const t1 = cpuMs();
    fn(iters, 1.5);
    rates.push((flopPerIter * iters) / ((cpuMs() - t1) / 1000) / 1e9);
  }
  return stats(rates);
}

/** The f64x2 and f32x4 ceilings as table rows, with FMA when the runtime has relaxed SIMD. */
export async function measurePeaks() {
  const fma = await compilePeak(true);
  const k = fma ?? (await compilePeak(false));
  const how = fma ? "relaxed-SIMD FMA" : "mul + add";
  return [
    { workload: "ceiling", case: "WASM f64x2 multiply-add peak", peer: "ceiling", how, unit: "GFLOP/s", ...rate(k.peakF64, 48) },
    { workload: "ceiling", case: "WASM f32x4 multiply-add peak", peer: "ceiling", how, unit: "GFLOP/s", ...rate(k.peakF32, 96) },
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) for (const r of await measurePeaks()) emit(r);
