// The WASM GEMM seen from JS: copy the operands in, run the kernel of their dtype, copy the product out.
import { dtypeOf, type DType, type Storage } from "../dtype";
import { copyIn, copyOut, entry, layout, wasmKernels, type WasmKernels } from "./wasm";

/** C = op(A)·op(B) on arrays already in the module's memory (byte offsets a, b, c). */
export function gemmInMemory(k: WasmKernels, dtype: DType, transA: boolean, transB: boolean, M: number, N: number, K: number, a: number, b: number, c: number): void {
  entry(k, "gemm", dtype)(transA ? 1 : 0, transB ? 1 : 0, M, N, K, a, b, c, k.work, 0, M);
}

/** Returns op(A)·op(B) (M×N, A's dtype) computed by the WASM kernel; same storage convention as gemmJs. */
export function gemmWasm(transA: boolean, transB: boolean, M: number, N: number, K: number, A: Storage, B: Storage, k: WasmKernels = wasmKernels()): Storage {
  const dtype = dtypeOf(A);
  const [a, b, c] = layout(k, dtype, M * K, K * N, M * N);
  copyIn(k, A, M * K, a);
  copyIn(k, B, K * N, b);
  gemmInMemory(k, dtype, transA, transB, M, N, K, a, b, c);
  return copyOut(k, c, M * N, dtype);
}
