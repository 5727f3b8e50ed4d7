// Operand packing for the WASM GEMMs: copies a block of op(A) or op(B) into panels of L lines
// (the register tile's rows of A, 3 in float64 and 4 in float32, or its columns of B, 6 and 8)
// laid out in the order the register tile reads them (panel[k][0..L)), zero-padded to L lines. Reading the transpose is
// only a different stride here, so the kernel never sees it.

// Packs rows ic..ic+mc, columns pc..pc+kc of op(A) as MR-row panels: dst[panel][k][r].
// @ts-ignore: decorator
@inline
export function packA<T>(transA: i32, M: i32, K: i32, a: usize, ic: i32, mc: i32, pc: i32, kc: i32, dst: usize): void {
  const size = <usize>sizeof<T>();
  // op(A)[i][k] is A[i*K + k], or A[k*M + i] when transposed.
  const ld = <usize>(transA ? M : K);
  const MR: i32 = sizeof<T>() == 8 ? 3 : 4;
  for (let ip = 0; ip < mc; ip += MR) {
    const i = <usize>(ic + ip), k = <usize>pc;
    const src = a + (transA ? k * ld + i : i * ld + k) * size;
    packPanel<T>(src, ld * size, !transA, min(MR, mc - ip), MR, kc, dst + <usize>(ip * kc) * size);
  }
}

// Packs rows pc..pc+kc, columns jc..jc+nc of op(B) as NR-column panels: dst[panel][k][c].
// @ts-ignore: decorator
@inline
export function packB<T>(transB: i32, N: i32, K: i32, b: usize, pc: i32, kc: i32, jc: i32, nc: i32, dst: usize): void {
  const size = <usize>sizeof<T>();
  const NR: i32 = sizeof<T>() == 8 ? 6 : 8;
  // op(B)[k][j] is B[k*N + j], or B[j*K + k] when transposed.
  const ld = <usize>(transB ? K : N);
  for (let jp = 0; jp < nc; jp += NR) {
    const j = <usize>(jc + jp), k = <usize>pc;
    const src = b + (transB ? j * ld + k : k * ld + j) * size;
    packPanel<T>(src, ld * size, transB != 0, min(NR, nc - jp), NR, kc, dst + <usize>(jp * kc) * size);
  }
}

// Writes `lines` (≤ L) lines of kc values as dst[k][0..L), zero-padding missing lines. A line is
// a row of op(A) or a column of op(B); it is either contiguous in k (lines ldBytes apart) or
// strided by ldBytes in k (then the lines sit side by side at each k).
// @ts-ignore: decorator
@inline
function packPanel<T>(src: usize, ldBytes: usize, contiguousK: bool, lines: i32, L: i32, kc: i32, dst: usize): void {
  const size = <usize>sizeof<T>();
  const rowBytes = <usize>L * size; // one k of the panel: 24 or 16 bytes (A), 48 or 32 (B)
  if (lines < L) {
    memory.fill(dst, 0, <usize>kc * rowBytes);
    const lineStep: usize = contiguousK ? ldBytes : size;
    const kStep: usize = contiguousK ? size : ldBytes;
    for (let l = 0; l < lines; l++) {
      let from = src + <usize>l * lineStep;
      let to = dst + <usize>l * size;
      for (let k = 0; k < kc; k++) {
        store<T>(to, load<T>(from));
        from += kStep;
        to += rowBytes;
      }
    }
  } else if (contiguousK) {
    // Small transposes: a float64 A's 3 rows at once; B's columns (and a float32 A's 4 rows) 2
    // float64 or 4 float32 lines at a time.
    if (sizeof<T>() == 8 && L == 3) transpose3(src, ldBytes, kc, dst);
    else {
      const group = <usize>(16 / size);
      for (let g: usize = 0; g < <usize>L / group; g++) {
        if (sizeof<T>() == 8) transpose2x2(src + group * g * ldBytes, ldBytes, kc, dst + g * 16, rowBytes);
        else transpose4x4(src + group * g * ldBytes, ldBytes, kc, dst + g * 16, rowBytes);
      }
    }
  } else {
    // The lines sit side by side: copy rowBytes (48 or 32 bytes of B, 24 or 16 of A) per k.
    let from = src;
    let to = dst;
    const end = dst + <usize>kc * rowBytes;
    while (to < end) {
      v128.store(to, v128.load(from));
      if (rowBytes == 24) store<u64>(to, load<u64>(from, 16), 16);
      if (rowBytes >= 32) v128.store(to, v128.load(from, 16), 16);
      if (rowBytes == 48) v128.store(to, v128.load(from, 32), 32);
      from += ldBytes;
      to += rowBytes;
    }
  }
}

// Three float64 lines contiguous in k (A's rows) into dst[k][0..3): 3×2 blocks transposed with
// shuffles, as (a0 b0) (c0 a1) (b1 c1).
// @ts-ignore: decorator
@inline
function transpose3(src: usize, ldBytes: usize, kc: i32, dst: usize): void {
  const r1 = src + ldBytes, r2 = r1 + ldBytes;
  let k = 0;
  for (; k + 1 < kc; k += 2) {
    const off = <usize>k << 3;
    const v0 = v128.load(src + off), v1 = v128.load(r1 + off), v2 = v128.load(r2 + off);
    const to = dst + <usize>k * 24;
    v128.store(to, v128.shuffle<f64>(v0, v1, 0, 2));
    v128.store(to, v128.shuffle<f64>(v2, v0, 0, 3), 16);
    v128.store(to, v128.shuffle<f64>(v1, v2, 1, 3), 32);
  }
  if (k < kc) {
    const off = <usize>k << 3;
    const to = dst + <usize>k * 24;
    store<f64>(to, load<f64>(src + off));
    store<f64>(to, load<f64>(r1 + off), 8);
    store<f64>(to, load<f64>(r2 + off), 16);
  }
}

// Two float64 lines, contiguous in k, into dst[k][0..2) of panel rows rowBytes apart.
// @ts-ignore: decorator
@inline
function transpose2x2(src: usize, ldBytes: usize, kc: i32, dst: usize, rowBytes: usize): void {
  const r1 = src + ldBytes;
  let k = 0;
  for (; k + 1 < kc; k += 2) {
    const off = <usize>k << 3;
    const v0 = v128.load(src + off), v1 = v128.load(r1 + off);
    const to = dst + <usize>k * rowBytes;
    v128.store(to, v128.shuffle<f64>(v0, v1, 0, 2));
    v128.store(to + rowBytes, v128.shuffle<f64>(v0, v1, 1, 3));
  }
  if (k < kc) {
    const off = <usize>k << 3;
    const to = dst + <usize>k * rowBytes;
    store<f64>(to, load<f64>(src + off));
    store<f64>(to, load<f64>(r1 + off), 8);
  }
}

// Four float32 lines, contiguous in k, into dst[k][0..4) of panel rows rowBytes apart: 4×4 blocks
// transposed with shuffles.
// @ts-ignore: decorator
@inline
function transpose4x4(src: usize, ldBytes: usize, kc: i32, dst: usize, rowBytes: usize): void {
  const r1 = src + ldBytes, r2 = r1 + ldBytes, r3 = r2 + ldBytes;
  let k = 0;
  for (; k + 3 < kc; k += 4) {
    const off = <usize>k << 2;
    const v0 = v128.load(src + off), v1 = v128.load(r1 + off);
    const v2 = v128.load(r2 + off), v3 = v128.load(r3 + off);
    const t0 = v128.shuffle<f32>(v0, v1, 0, 4, 1, 5), t1 = v128.shuffle<f32>(v2, v3, 0, 4, 1, 5);
    const t2 = v128.shuffle<f32>(v0, v1, 2, 6, 3, 7), t3 = v128.shuffle<f32>(v2, v3, 2, 6, 3, 7);
    const to = dst + <usize>k * rowBytes;
    v128.store(to, v128.shuffle<f64>(t0, t1, 0, 2));
    v128.store(to + rowBytes, v128.shuffle<f64>(t0, t1, 1, 3));
    v128.store(to + 2 * rowBytes, v128.shuffle<f64>(t2, t3, 0, 2));
    v128.store(to + 3 * rowBytes, v128.shuffle<f64>(t2, t3, 1, 3));
  }
  for (; k < kc; k++) {
    const off = <usize>k << 2;
    const to = dst + <usize>k * rowBytes;
    store<f32>(to, load<f32>(src + off));
    store<f32>(to, load<f32>(r1 + off), 4);
    store<f32>(to, load<f32>(r2 + off), 8);
    store<f32>(to, load<f32>(r3 + off), 12);
  }
}
