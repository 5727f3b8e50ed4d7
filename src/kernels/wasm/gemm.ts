// The float64 SIMD128 GEMM of gradlab's WebAssembly module (entry: index.ts). GotoBLAS structure: per KC-deep slice, B is packed into NR-column
// panels and A into MR-row panels (pack.ts), and a 4×4 register tile (micro-kernel.ts) walks
// them. Transposes only change how packing reads its operand, so NN, NT, TN and TT run the same
// kernel equally fast.

import { microKernel } from "./micro-kernel";
import { packA, packB } from "./pack";

// Tile and block sizes (doubles). MR×NR is the register tile; an MR×KC panel of A (8 KiB) stays
// in L1 (48 KiB) while the tile sweeps a KC×NC block of B (512 KiB) held in L2 (1 MiB).
const MR: i32 = 4;
const NR: i32 = 4;
const KC: i32 = 256;
const MC: i32 = 256;
const NC: i32 = 256;

const PACK_A_BYTES: usize = <usize>(MC * KC) << 3;
const PACK_B_BYTES: usize = <usize>(KC * NC) << 3;
const TILE_BYTES: usize = <usize>(MR * NR) << 3;

/** First byte the host may use: everything below belongs to the module's static data. */
export function heapBase(): usize {
  return (__heap_base + 63) & ~63;
}

/** Bytes of scratch (packed panels and an edge tile) that gemm needs at its `work` pointer. */
export function workBytes(): usize {
  return PACK_A_BYTES + PACK_B_BYTES + TILE_BYTES;
}

/** C (M×N, row-major, at c) = op(A)·op(B); A, B and C are float64 arrays in linear memory. */
export function gemm(transA: i32, transB: i32, M: i32, N: i32, K: i32, a: usize, b: usize, c: usize, work: usize): void {
  if (K == 0) {
    memory.fill(c, 0, <usize>M * <usize>N << 3);
    return;
  }
  const pa = work;
  const pb = work + PACK_A_BYTES;
  const tile = pb + PACK_B_BYTES;
  for (let jc = 0; jc < N; jc += NC) {
    const nc = min(NC, N - jc);
    for (let pc = 0; pc < K; pc += KC) {
      const kc = min(KC, K - pc);
      packB(transB, N, K, b, pc, kc, jc, nc, pb);
      for (let ic = 0; ic < M; ic += MC) {
        const mc = min(MC, M - ic);
        packA(transA, M, K, a, ic, mc, pc, kc, pa);
        macroKernel(mc, nc, kc, pa, pb, c + ((<usize>ic * <usize>N + <usize>jc) << 3), N, tile, pc > 0);
      }
    }
  }
}

// Runs the register tile over every MR×NR block of an mc×nc block of C (row stride ldc elements),
// storing the first K slice's products and adding the later ones (so C needs no zeroing).
function macroKernel(mc: i32, nc: i32, kc: i32, pa: usize, pb: usize, c: usize, ldc: i32, tile: usize, accumulate: bool): void {
  const ldcBytes = <usize>ldc << 3;
  for (let ir = 0; ir < mc; ir += MR) {
    const rows = min(MR, mc - ir);
    const aPanel = pa + (<usize>(ir * kc) << 3);
    for (let jr = 0; jr < nc; jr += NR) {
      const cols = min(NR, nc - jr);
      const bPanel = pb + (<usize>(jr * kc) << 3);
      const cBlock = c + <usize>ir * ldcBytes + (<usize>jr << 3);
      if (rows == MR && cols == NR) {
        microKernel(kc, aPanel, bPanel, cBlock, ldcBytes, accumulate);
      } else {
        microKernel(kc, aPanel, bPanel, tile, <usize>NR << 3, false);
        for (let r = 0; r < rows; r++) {
          for (let cc = 0; cc < cols; cc++) {
            const dst = cBlock + <usize>r * ldcBytes + (<usize>cc << 3);
            const value = load<f64>(tile + (<usize>(r * NR + cc) << 3));
            store<f64>(dst, accumulate ? load<f64>(dst) + value : value);
          }
        }
      }
    }
  }
}
