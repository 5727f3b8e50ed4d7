// Operand packing for the WASM GEMM: copies a block of op(A) or op(B) into panels of 4 lines
// laid out in the order the register tile reads them (panel[k][0..4)), zero-padded to 4 lines.
// Reading the transpose is only a different stride here, so the kernel never sees it.

// Packs rows ic..ic+mc, columns pc..pc+kc of op(A) as 4-row panels: dst[panel][k][r].
export function packA(transA: i32, M: i32, K: i32, a: usize, ic: i32, mc: i32, pc: i32, kc: i32, dst: usize): void {
  // op(A)[i][k] is A[i*K + k], or A[k*M + i] when transposed.
  const ld = <usize>(transA ? M : K);
  for (let ip = 0; ip < mc; ip += 4) {
    const i = <usize>(ic + ip), k = <usize>pc;
    const src = a + ((transA ? k * ld + i : i * ld + k) << 3);
    packPanel(src, ld << 3, !transA, min(4, mc - ip), kc, dst + (<usize>(ip * kc) << 3));
  }
}

// Packs rows pc..pc+kc, columns jc..jc+nc of op(B) as 4-column panels: dst[panel][k][c].
export function packB(transB: i32, N: i32, K: i32, b: usize, pc: i32, kc: i32, jc: i32, nc: i32, dst: usize): void {
  // op(B)[k][j] is B[k*N + j], or B[j*K + k] when transposed.
  const ld = <usize>(transB ? K : N);
  for (let jp = 0; jp < nc; jp += 4) {
    const j = <usize>(jc + jp), k = <usize>pc;
    const src = b + ((transB ? j * ld + k : k * ld + j) << 3);
    packPanel(src, ld << 3, transB != 0, min(4, nc - jp), kc, dst + (<usize>(jp * kc) << 3));
  }
}

// Writes `lines` (≤ 4) lines of kc values as dst[k][0..4), zero-padding missing lines. A line is
// a row of op(A) or a column of op(B); it is either contiguous in k (lines ldBytes apart) or
// strided by ldBytes in k (then the 4 lines sit side by side at each k).
function packPanel(src: usize, ldBytes: usize, contiguousK: bool, lines: i32, kc: i32, dst: usize): void {
  if (lines < 4) {
    memory.fill(dst, 0, <usize>kc << 5);
    const lineStep: usize = contiguousK ? ldBytes : 8;
    const kStep: usize = contiguousK ? 8 : ldBytes;
    for (let l = 0; l < lines; l++) {
      let from = src + <usize>l * lineStep;
      let to = dst + (<usize>l << 3);
      for (let k = 0; k < kc; k++) {
        store<f64>(to, load<f64>(from));
        from += kStep;
        to += 32;
      }
    }
  } else if (contiguousK) {
    // Transposes 4×2 blocks with shuffles: two k values of four lines per step.
    const r1 = src + ldBytes, r2 = r1 + ldBytes, r3 = r2 + ldBytes;
    let k = 0;
    for (; k + 1 < kc; k += 2) {
      const off = <usize>k << 3;
      const v0 = v128.load(src + off), v1 = v128.load(r1 + off);
      const v2 = v128.load(r2 + off), v3 = v128.load(r3 + off);
      const to = dst + (<usize>k << 5);
      v128.store(to, v128.shuffle<f64>(v0, v1, 0, 2));
      v128.store(to, v128.shuffle<f64>(v2, v3, 0, 2), 16);
      v128.store(to, v128.shuffle<f64>(v0, v1, 1, 3), 32);
      v128.store(to, v128.shuffle<f64>(v2, v3, 1, 3), 48);
    }
    if (k < kc) {
      const off = <usize>k << 3;
      const to = dst + (<usize>k << 5);
      store<f64>(to, load<f64>(src + off));
      store<f64>(to, load<f64>(r1 + off), 8);
      store<f64>(to, load<f64>(r2 + off), 16);
      store<f64>(to, load<f64>(r3 + off), 24);
    }
  } else {
    let from = src;
    let to = dst;
    const end = dst + (<usize>kc << 5);
    while (to < end) {
      v128.store(to, v128.load(from));
      v128.store(to, v128.load(from, 16), 16);
      from += ldBytes;
      to += 32;
    }
  }
}
