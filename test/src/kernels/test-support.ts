// What the kernel tests share: both WASM builds, and a seeded generator so a failure names a
// reproducible case.
import { setFlagsFromString } from "node:v8";
import { loadWasmKernels, wasmKernelPaths, type WasmKernels } from "../../../src/kernels/wasm";

// Node 20 validates relaxed SIMD only behind this flag (newer V8 versions without it); it lets
// this process run the FMA build as well, so both builds are checked.
setFlagsFromString("--experimental-wasm-relaxed-simd");

/** Each build by name, loaded afresh (not the instance the library uses). */
export const BUILDS: [string, () => WasmKernels][] = [
  ["SIMD128", () => loadWasmKernels(wasmKernelPaths().simd)],
  ["relaxed-SIMD FMA", () => loadWasmKernels(wasmKernelPaths().fma)],
];

/** mulberry32: uniform numbers in [0, 1) with 32-bit mantissas. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
