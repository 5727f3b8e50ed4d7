// Plain-loop GEMM (float64, or float32 with float32 sums, as a float32 BLAS): C = op(A)·op(B), op(A) of size M×K and op(B) of size K×N.
// A is stored M×K row-major (K×M when transA), B is K×N (N×K when transB). Loop orders keep
// the innermost access contiguous for each variant. No shortcut for zeros: 0·∞ gives NaN, as in
// PyTorch and in the WASM kernel.
import type { Storage } from "../dtype";

/** C (M×N) = op(A)·op(B), overwriting C. */
export function gemmJs(transA: boolean, transB: boolean, M: number, N: number, K: number, A: Storage, B: Storage, C: Storage): void {
  C.fill(0, 0, M * N);
  if (!transA && !transB) {
    for (let i = 0; i < M; i++) {
      const ci = i * N, ai = i * K;
      for (let k = 0; k < K; k++) {
        const a = A[ai + k];
        const bk = k * N;
        for (let j = 0; j < N; j++) C[ci + j] += a * B[bk + j];
      }
    }
  } else if (!transA && transB) {
    for (let i = 0; i < M; i++) {
      const ai = i * K, ci = i * N;
      for (let j = 0; j < N; j++) {
        const bj = j * K;
        let s = 0;
        for (let k = 0; k < K; k++) s += A[ai + k] * B[bj + k];
        C[ci + j] = s;
      }
    }
  } else if (transA && !transB) {
    for (let k = 0; k < K; k++) {
      const ak = k * M, bk = k * N;
      for (let i = 0; i < M; i++) {
        const a = A[ak + i];
        const ci = i * N;
        for (let j = 0; j < N; j++) C[ci + j] += a * B[bk + j];
      }
    }
  } else {
    for (let i = 0; i < M; i++) {
      const ci = i * N;
      for (let j = 0; j < N; j++) {
        let s = 0;
        for (let k = 0; k < K; k++) s += A[k * M + i] * B[j * K + k];
        C[ci + j] = s;
      }
    }
  }
}
