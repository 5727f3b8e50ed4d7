// The WASM GEMM seen from JS: copy the operands in, run the kernel of their dtype (on two threads
// when the product is large), copy the product out.
import { dtypeOf, type DType, type Storage } from "../dtype";
import { secondThread, splitRows } from "./threads";
import { placeIn } from "./resident";
import { copyOut, entry, layout, scratchAfterLayout, wasmKernels, type WasmKernels } from "./wasm";

// Products with at least this many multiply-adds (M·N·K) are split over two threads, in this many
// row chunks, after the caller packed op(B) once for both (when each chunk packed it again, W2's
// 128×128×784 products spent a quarter of their time packing).
const CHUNKS = 4;
export let THREADS_MIN_MULTIPLY_ADDS = 2 ** 21;

/** C = op(A)·op(B) on arrays already in the module's memory (byte offsets a, b, c). */
export function gemmInMemory(k: WasmKernels, dtype: DType, transA: boolean, transB: boolean, M: number, N: number, K: number, a: number, b: number, c: number): void {
  const run = entry(k, "gemm", dtype), tA = transA ? 1 : 0, tB = transB ? 1 : 0;
  const second = M >= 8 && M * N * K >= THREADS_MIN_MULTIPLY_ADDS ? secondThread(k) : null;
  if (second === null) return run(tA, tB, M, N, K, a, b, c, k.work, 0, M, 0);
  const packed = scratchAfterLayout(k, k.exports.packedBBytes(N, K, dtype === "float32" ? 1 : 0));
  entry(k, "packAllB", dtype)(tB, N, K, b, packed);
  const args = [tA, tB, M, N, K, a, b, c, k.work + k.exports.workBytes()];
  splitRows(second, dtype, args, packed, M, CHUNKS, (i0, i1) => run(tA, tB, M, N, K, a, b, c, k.work, i0, i1, packed));
}

/** For measuring the threshold (bench/threads-threshold.mjs): products from this size on use two threads. */
export function setThreadsMinMultiplyAdds(n: number): void {
  THREADS_MIN_MULTIPLY_ADDS = n;
}

/** Returns op(A)·op(B) (M×N, A's dtype) computed by the WASM kernel; same storage convention as gemmJs. */
export function gemmWasm(transA: boolean, transB: boolean, M: number, N: number, K: number, A: Storage, B: Storage, k: WasmKernels = wasmKernels()): Storage {
  const dtype = dtypeOf(A);
  const [aSlot, bSlot, c] = layout(k, dtype, M * K, K * N, M * N);
  gemmInMemory(k, dtype, transA, transB, M, N, K, placeIn(k, A, M * K, aSlot), placeIn(k, B, K * N, bSlot), c);
  return copyOut(k, c, M * N, dtype);
}
