// The register tile of the WASM GEMMs: 3×6 doubles or 3×12 floats of C in nine v128 accumulators
// (three per row of the tile). V8 has 15 usable xmm registers on x64, and its code for a k step
// issues all six loads (3 broadcasts of A, 3 vectors of B) before the nine FMAs: 15 live registers,
// no spills (seen with --print-wasm-code). Nine FMA chains more than cover the FMA's latency on two
// ports, where the earlier 4×4 tile's eight only just did: on panels in L1, 3×6 ran at 93% of the
// f64x2 ceiling, 4×4 at 85% and 2×8 at 88% (2026-12-02); 5×4 and 6×4 spill (52% against 70%).

// C[3×NR] (+)= A[3×kc]·B̃[kc×NR] (NR = 3 vectors of 16 bytes): overwrites C, or adds to it when
// accumulate is set. A's rows start at a, aRow bytes apart, aK bytes per k; B̃ holds 48 bytes per k.
// @ts-ignore: decorator
@inline
export function microKernel<T>(kc: i32, a: usize, aRow: usize, aK: usize, b: usize, c: usize, ldc: usize, accumulate: bool): void {
  const size = <usize>sizeof<T>();
  let c00 = v128.splat<i32>(0), c01 = c00, c02 = c00, c10 = c00, c11 = c00, c12 = c00, c20 = c00, c21 = c00, c22 = c00;

  // An end-pointer loop: V8 keeps it in registers; a counter compared with kc ran 7% slower.
  const aRow2 = aRow << 1;
  const bEnd = b + <usize>kc * 48;
  while (b < bEnd) {
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    const b2 = v128.load(b, 32);
    let a0 = sizeof<T>() == 8 ? v128.load64_splat(a) : v128.load32_splat(a);
    c00 = madd<T>(c00, a0, b0);
    c01 = madd<T>(c01, a0, b1);
    c02 = madd<T>(c02, a0, b2);
    a0 = sizeof<T>() == 8 ? v128.load64_splat(a + aRow) : v128.load32_splat(a + aRow);
    c10 = madd<T>(c10, a0, b0);
    c11 = madd<T>(c11, a0, b1);
    c12 = madd<T>(c12, a0, b2);
    a0 = sizeof<T>() == 8 ? v128.load64_splat(a + aRow2) : v128.load32_splat(a + aRow2);
    c20 = madd<T>(c20, a0, b0);
    c21 = madd<T>(c21, a0, b1);
    c22 = madd<T>(c22, a0, b2);
    a += aK;
    b += 48;
  }
  let row = c;
  put<T>(row, c00, accumulate);
  put<T>(row + 16, c01, accumulate);
  put<T>(row + 32, c02, accumulate);
  row += ldc;
  put<T>(row, c10, accumulate);
  put<T>(row + 16, c11, accumulate);
  put<T>(row + 32, c12, accumulate);
  row += ldc;
  put<T>(row, c20, accumulate);
  put<T>(row + 16, c21, accumulate);
  put<T>(row + 32, c22, accumulate);
}

// acc + a·b. The relaxed-SIMD build (dist/src/kernels/kernels-fma.wasm) fuses it into one FMA; the
// host picks it where the runtime validates it (newer V8s; Node 20 only with
// --experimental-wasm-relaxed-simd). Measured +15–17% at n = 256…1024 on the project machine.
// @ts-ignore: decorator
@inline
function madd<T>(acc: v128, a: v128, b: v128): v128 {
  if (sizeof<T>() == 8) return ASC_FEATURE_RELAXED_SIMD ? f64x2.relaxed_madd(a, b, acc) : f64x2.add(acc, f64x2.mul(a, b));
  return ASC_FEATURE_RELAXED_SIMD ? f32x4.relaxed_madd(a, b, acc) : f32x4.add(acc, f32x4.mul(a, b));
}

// Writes one v128 of C, or adds it to what is there.
// @ts-ignore: decorator
@inline
function put<T>(p: usize, v: v128, accumulate: bool): void {
  v128.store(p, accumulate ? (sizeof<T>() == 8 ? f64x2.add(v128.load(p), v) : f32x4.add(v128.load(p), v)) : v);
}
