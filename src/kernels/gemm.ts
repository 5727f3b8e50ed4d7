// The GEMM entry point every matrix product goes through (matmul, Linear forward and backward).
import { gemmJs } from "./gemm-js";

/** Returns op(A)·op(B) as a new M×N array; see gemmJs for the storage convention. */
export function gemm(transA: boolean, transB: boolean, M: number, N: number, K: number, A: Float64Array, B: Float64Array): Float64Array {
  const C = new Float64Array(M * N);
  gemmJs(transA, transB, M, N, K, A, B, C);
  return C;
}
