// The WASM GEMM seen from JS: copy the operands in, run the kernel, copy the product out.
import { copyIn, copyOut, reserve, wasmKernels, type WasmKernels } from "./wasm";

/** Returns op(A)·op(B) (M×N) computed by the WASM kernel; same storage convention as gemmJs. */
export function gemmWasm(transA: boolean, transB: boolean, M: number, N: number, K: number, A: Float64Array, B: Float64Array, k: WasmKernels = wasmKernels()): Float64Array {
  // A, B and C back to back after the packing space, as float64 indices.
  const a = reserve(k, M * K + K * N + M * N);
  const b = a + M * K;
  const c = b + K * N;
  copyIn(k, A, M * K, a);
  copyIn(k, B, K * N, b);
  k.exports.gemm(transA ? 1 : 0, transB ? 1 : 0, M, N, K, a * 8, b * 8, c * 8, k.work);
  return copyOut(k, c, M * N);
}
