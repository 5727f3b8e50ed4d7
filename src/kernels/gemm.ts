// The GEMM entry point of matmul, and the size rule every product uses to pick the WASM kernel.
import { dtypeOf, type Storage } from "../dtype";
import { alloc } from "../storage";
import { gemmJs } from "./gemm-js";
import { gemmWasm } from "./gemm-wasm";

// Products with at least this many multiply-adds (M·N·K) go to the WASM kernel. Crossover measured
// on the project machine (CPU time per call incl. copies, 2026-11-24, NN/NT/TN): the plain loops
// win at 2×2×2 (0.08 vs 0.13 µs) and 2×3×4 (0.11–0.13 vs 0.13–0.14 µs), break even at 3×3×3 and
// lose from 4×4×4 on (0.47–0.51 vs 0.39–0.44 µs; 1×4×16 0.21–0.26 vs 0.17 µs; 16×16×16 9.5–11
// vs 1.3–1.8 µs; 200×16×16 124–142 vs 11–19 µs; 64×64×64 470–620 vs 37 µs).
const WASM_MIN_MULTIPLY_ADDS = 64;
// Operands and result must fit the 32-bit WASM address space (4 GiB) next to the packing space.
const WASM_MAX_BYTES = 2 ** 31;

/** Whether an M×N×K product runs faster in WASM (and fits its memory with `extra` more doubles). */
export function gemmPaysInWasm(M: number, N: number, K: number, extra = 0): boolean {
  const bytes = 8 * (M * K + K * N + M * N + extra) + 4 * 64; // each array starts on a 64-byte line
  // A single dot product (M = N = 1) gains nothing from a register tile (1×1×1000, measured with the
  // earlier 4×4 one: JS 1.8–5.2, WASM 3.2 µs).
  return M * N * K >= WASM_MIN_MULTIPLY_ADDS && M * N > 1 && bytes <= WASM_MAX_BYTES;
}

/** Returns op(A)·op(B) as a new M×N array of A's dtype (B has the same); see gemmJs for the storage convention. */
export function gemm(transA: boolean, transB: boolean, M: number, N: number, K: number, A: Storage, B: Storage): Storage {
  if (A.length < M * K || B.length < K * N) {
    throw new Error(`gemm: operands too short for a ${M}×${K} by ${K}×${N} product (A has ${A.length} values, needs ${M * K}; B has ${B.length}, needs ${K * N})`);
  }
  if (gemmPaysInWasm(M, N, K)) return gemmWasm(transA, transB, M, N, K, A, B);
  const C = alloc(M * N, dtypeOf(A));
  gemmJs(transA, transB, M, N, K, A, B, C);
  return C;
}
