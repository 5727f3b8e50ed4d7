// The SIMD128 GEMMs of gradlab's WebAssembly module (entry: index.ts), float64 (`gemm`) and
// float32 (`gemm32`) from one generic driver. GotoBLAS structure: per KC-deep slice, B is packed
// into NR-column panels (pack.ts), and a register tile (micro-kernel.ts: 3×6 doubles or 4×8
// floats) walks them. The float64 tile reads its three rows of op(A) where they are when they are
// rows of A: three sequential streams that stay in L1 while the tile sweeps B (packing all of A
// first was 2% of n = 512, a second pass over A). Otherwise (a transposed A, whose rows are strided
// columns: in place, float64 n = 512 TN ran 19% slower; float32; a last panel of fewer than MR
// rows, zero-padded) A is packed an MR-row panel at a time. So NN, NT, TN and TT run the same
// kernel. Rows i0..i1 of C only: two threads can each take a part (same bits either way: every
// element is summed in the same order whatever the split).

import { microKernel } from "./micro-kernel";
import { packA, packB } from "./pack";

// Tile and block sizes. MR×NR is the register tile; its MR×KC rows of A (6 KiB in float64) stay in
// L1 (48 KiB) while it sweeps a KC×NC block of B (1 MiB) held in L2 (2 MiB). KC sets each element's
// summation order (slices of 256 products, added in turn): results keep their bits as long as it
// stays. NC is a multiple of NR, so only a product's last column block has edge tiles, and it covers
// n = 512 in one block (A's rows are swept once).
const KC: i32 = 256;
const NC_BYTES: i32 = 516 * 8; // one row of a B block: 516 doubles or 1032 floats

const PACK_A_BYTES: usize = <usize>(4 * KC) << 3;
const PACK_B_BYTES: usize = <usize>(KC * NC_BYTES);
const TILE_BYTES: usize = 144; // MR×NR values: 3 rows of 48 bytes or 4 of 32

/** First byte the host may use: everything below belongs to the module's static data. */
export function heapBase(): usize {
  return (__heap_base + 63) & ~63;
}

/** Bytes of scratch (packed panels and an edge tile) that one thread's gemm needs at its `work` pointer. */
export function workBytes(): usize {
  return PACK_A_BYTES + PACK_B_BYTES + TILE_BYTES;
}

/** Rows i0..i1 of C (M×N, row-major, at c) = op(A)·op(B) for float64 arrays in linear memory;
 * op(B) is packed into work, or read as packAllB left it at bPacked when that is not 0. */
export function gemm(transA: i32, transB: i32, M: i32, N: i32, K: i32, a: usize, b: usize, c: usize, work: usize, i0: i32, i1: i32, bPacked: usize): void {
  gemmOf<f64>(transA, transB, M, N, K, a, b, c, work, i0, i1, bPacked);
}

/** The same for float32 arrays (float32 sums, as a float32 BLAS). */
export function gemm32(transA: i32, transB: i32, M: i32, N: i32, K: i32, a: usize, b: usize, c: usize, work: usize, i0: i32, i1: i32, bPacked: usize): void {
  gemmOf<f32>(transA, transB, M, N, K, a, b, c, work, i0, i1, bPacked);
}

/** Bytes that packAllB writes for a K×N op(B) of doubles (or floats when f32 is set). */
export function packedBBytes(N: i32, K: i32, f32: i32): usize {
  const NR = f32 ? 8 : 6;
  return <usize>K * <usize>((N + NR - 1) / NR * NR) * (f32 ? 4 : 8);
}

/** Packs all of op(B) (doubles) at dst, block after block in the order gemm reads them: two
 * threads that split a product's rows then share one packing instead of each packing B again. */
export function packAllB(transB: i32, N: i32, K: i32, b: usize, dst: usize): void {
  packAllOf<f64>(transB, N, K, b, dst);
}

/** The same for floats. */
export function packAllB32(transB: i32, N: i32, K: i32, b: usize, dst: usize): void {
  packAllOf<f32>(transB, N, K, b, dst);
}

// Where the (jc, pc) block of a packed op(B) starts: blocks of earlier column blocks hold K·NC
// values each, then the earlier slices of this one, kc × nc rounded up to NR.
// @ts-ignore: decorator
@inline
function blockAt<T>(base: usize, N: i32, K: i32, jc: i32, pc: i32): usize {
  const NR: i32 = sizeof<T>() == 8 ? 6 : 8;
  const ncPad = (min(NC_BYTES / <i32>sizeof<T>(), N - jc) + NR - 1) / NR * NR;
  return base + (<usize>jc * <usize>K + <usize>pc * <usize>ncPad) * <usize>sizeof<T>();
}

// @ts-ignore: decorator
@inline
function packAllOf<T>(transB: i32, N: i32, K: i32, b: usize, dst: usize): void {
  const NC = NC_BYTES / <i32>sizeof<T>();
  for (let jc = 0; jc < N; jc += NC) {
    for (let pc = 0; pc < K; pc += KC) packB<T>(transB, N, K, b, pc, min(KC, K - pc), jc, min(NC, N - jc), blockAt<T>(dst, N, K, jc, pc));
  }
}

// @ts-ignore: decorator
@inline
function gemmOf<T>(transA: i32, transB: i32, M: i32, N: i32, K: i32, a: usize, b: usize, c: usize, work: usize, i0: i32, i1: i32, bPacked: usize): void {
  const size = <usize>sizeof<T>();
  if (K == 0) {
    memory.fill(c + <usize>i0 * <usize>N * size, 0, <usize>(i1 - i0) * <usize>N * size);
    return;
  }
  const NC = NC_BYTES / <i32>size;
  const pa = work;
  const pb = work + PACK_A_BYTES;
  const tile = pb + PACK_B_BYTES;
  const MR: i32 = sizeof<T>() == 8 ? 3 : 4;
  // op(A)[i][k] is A[i*K + k], or A[k*M + i] when transposed: the byte steps between its rows and along k.
  const rowStep = <usize>(transA ? 1 : K) * size;
  const kStep = <usize>(transA ? M : 1) * size;
  for (let jc = 0; jc < N; jc += NC) {
    const nc = min(NC, N - jc);
    for (let pc = 0; pc < K; pc += KC) {
      const kc = min(KC, K - pc);
      let panels = pb;
      if (bPacked != 0) panels = blockAt<T>(bPacked, N, K, jc, pc);
      else packB<T>(transB, N, K, b, pc, kc, jc, nc, pb);
      for (let ir = i0; ir < i1; ir += MR) {
        const rows = min(MR, i1 - ir);
        let aPanel = a + <usize>ir * rowStep + <usize>pc * kStep;
        let aRow = rowStep, aK = kStep;
        if (rows < MR || transA || sizeof<T>() == 4) {
          packA<T>(transA, M, K, a, ir, rows, pc, kc, pa);
          aPanel = pa;
          aRow = size;
          aK = <usize>MR * size;
        }
        rowOfTiles<T>(rows, nc, kc, aPanel, aRow, aK, panels, c + (<usize>ir * <usize>N + <usize>jc) * size, N, tile, pc > 0);
      }
    }
  }
}

// Runs the register tile over the MR×NR blocks of `rows` (≤ MR) rows and nc columns of C (row
// stride ldc elements), storing the first K slice's products and adding the later ones (so C needs
// no zeroing). op(A)'s rows start at a, aRow bytes apart, aK bytes per k.
// @ts-ignore: decorator
@inline
function rowOfTiles<T>(rows: i32, nc: i32, kc: i32, a: usize, aRow: usize, aK: usize, pb: usize, c: usize, ldc: i32, tile: usize, accumulate: bool): void {
  const size = <usize>sizeof<T>();
  const MR: i32 = sizeof<T>() == 8 ? 3 : 4;
  const NR: i32 = sizeof<T>() == 8 ? 6 : 8;
  const ldcBytes = <usize>ldc * size;
  for (let jr = 0; jr < nc; jr += NR) {
    const cols = min(NR, nc - jr);
    const bPanel = pb + <usize>(jr * kc) * size;
    const cBlock = c + <usize>jr * size;
    if (rows == MR && cols == NR) {
      microKernel<T>(kc, a, aRow, aK, bPanel, cBlock, ldcBytes, accumulate);
    } else {
      microKernel<T>(kc, a, aRow, aK, bPanel, tile, <usize>NR * size, false);
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
