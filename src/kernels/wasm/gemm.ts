// The SIMD128 GEMMs of gradlab's WebAssembly module (entry: index.ts), float64 (`gemm`) and
// float32 (`gemm32`) from one generic driver. GotoBLAS structure: per KC-deep slice, B is packed
// into NR-column panels and A into MR-row panels (pack.ts), and a register tile
// (micro-kernel.ts: 4×4 doubles or 4×8 floats, eight v128 accumulators either way) walks them.
// Transposes only change how packing reads its operand, so NN, NT, TN and TT run the same kernel
// equally fast. Rows i0..i1 of C only: two threads can each take a half (same bits either way:
// every element is summed in the same order whatever the split).

import { microKernel } from "./micro-kernel";
import { packA, packB } from "./pack";

// Tile and block sizes. MR×NR is the register tile; an MR×KC panel of A (8 KiB in float64) stays
// in L1 (48 KiB) while the tile sweeps a KC×NC block of B (512 KiB) held in L2 (1 MiB).
const MR: i32 = 4;
const KC: i32 = 256;
const MC: i32 = 256;
const NC_BYTES: i32 = 256 * 8; // one row of a B block: 256 doubles or 512 floats

const PACK_A_BYTES: usize = <usize>(MC * KC) << 3;
const PACK_B_BYTES: usize = <usize>(KC * NC_BYTES);
const TILE_BYTES: usize = 128; // MR×NR values of either type

/** First byte the host may use: everything below belongs to the module's static data. */
export function heapBase(): usize {
  return (__heap_base + 63) & ~63;
}

/** Bytes of scratch (packed panels and an edge tile) that one thread's gemm needs at its `work` pointer. */
export function workBytes(): usize {
  return PACK_A_BYTES + PACK_B_BYTES + TILE_BYTES;
}

/** Rows i0..i1 of C (M×N, row-major, at c) = op(A)·op(B) for float64 arrays in linear memory. */
export function gemm(transA: i32, transB: i32, M: i32, N: i32, K: i32, a: usize, b: usize, c: usize, work: usize, i0: i32, i1: i32): void {
  gemmOf<f64>(transA, transB, M, N, K, a, b, c, work, i0, i1);
}

/** The same for float32 arrays (float32 sums, as a float32 BLAS). */
export function gemm32(transA: i32, transB: i32, M: i32, N: i32, K: i32, a: usize, b: usize, c: usize, work: usize, i0: i32, i1: i32): void {
  gemmOf<f32>(transA, transB, M, N, K, a, b, c, work, i0, i1);
}

// @ts-ignore: decorator
@inline
function gemmOf<T>(transA: i32, transB: i32, M: i32, N: i32, K: i32, a: usize, b: usize, c: usize, work: usize, i0: i32, i1: i32): void {
  const size = <usize>sizeof<T>();
  if (K == 0) {
    memory.fill(c + <usize>i0 * <usize>N * size, 0, <usize>(i1 - i0) * <usize>N * size);
    return;
  }
  const NC = NC_BYTES / <i32>size;
  const pa = work;
  const pb = work + PACK_A_BYTES;
  const tile = pb + PACK_B_BYTES;
  for (let jc = 0; jc < N; jc += NC) {
    const nc = min(NC, N - jc);
    for (let pc = 0; pc < K; pc += KC) {
      const kc = min(KC, K - pc);
      packB<T>(transB, N, K, b, pc, kc, jc, nc, pb);
      for (let ic = i0; ic < i1; ic += MC) {
        const mc = min(MC, i1 - ic);
        packA<T>(transA, M, K, a, ic, mc, pc, kc, pa);
        macroKernel<T>(mc, nc, kc, pa, pb, c + (<usize>ic * <usize>N + <usize>jc) * size, N, tile, pc > 0);
      }
    }
  }
}

// Runs the register tile over every MR×NR block of an mc×nc block of C (row stride ldc elements),
// storing the first K slice's products and adding the later ones (so C needs no zeroing).
// @ts-ignore: decorator
@inline
function macroKernel<T>(mc: i32, nc: i32, kc: i32, pa: usize, pb: usize, c: usize, ldc: i32, tile: usize, accumulate: bool): void {
  const size = <usize>sizeof<T>();
  const NR: i32 = sizeof<T>() == 8 ? 4 : 8;
  const ldcBytes = <usize>ldc * size;
  for (let ir = 0; ir < mc; ir += MR) {
    const rows = min(MR, mc - ir);
    const aPanel = pa + <usize>(ir * kc) * size;
    for (let jr = 0; jr < nc; jr += NR) {
      const cols = min(NR, nc - jr);
      const bPanel = pb + <usize>(jr * kc) * size;
      const cBlock = c + <usize>ir * ldcBytes + <usize>jr * size;
      if (rows == MR && cols == NR) {
        microKernel<T>(kc, aPanel, bPanel, cBlock, ldcBytes, accumulate);
      } else {
        microKernel<T>(kc, aPanel, bPanel, tile, <usize>NR * size, false);
        for (let r = 0; r < rows; r++) {
          for (let cc = 0; cc < cols; cc++) {
            const dst = cBlock + <usize>r * ldcBytes + <usize>cc * size;
            const value = load<T>(tile + <usize>(r * NR + cc) * size);
            store<T>(dst, accumulate ? load<T>(dst) + value : value);
          }
        }
      }
    }
  }
}
