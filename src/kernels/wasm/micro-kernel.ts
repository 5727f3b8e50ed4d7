// The register tiles of the WASM GEMMs: 3×6 doubles or 4×8 floats of C in v128 accumulators (nine
// or eight). V8 has 15 usable xmm registers on x64, and its code for a k step issues all the step's
// loads before its FMAs: 3 broadcasts of A, 3 vectors of B and 9 accumulators (3×6), or 4 + 2 + 8
// (4×8), fill 15 and 14 registers without spills (seen with --print-wasm-code); 5×4 and 6×4 spill
// (52% of the f64x2 ceiling where 4×4 ran at 70%, 2026-12-01). In float64, 3×6's nine FMA chains
// beat 4×4's eight, which only just cover the FMA's latency on two ports (on panels in L1: 93% of
// the ceiling against 85%, 2026-12-02); in float32, 3×12 left more edge tiles on W2's 128- and
// 784-wide products and ran them 3% slower than 4×8 (paired, CPU time), so float32 keeps 4×8.

// C[MR×NR] (+)= A[MR×kc]·B̃[kc×NR]: overwrites C, or adds to it when accumulate is set. A's rows
// start at a, aRow bytes apart, aK bytes per k (float32: packed, aRow = 4 and aK = 16); B̃ holds
// NR values (48 or 32 bytes) per k.
// @ts-ignore: decorator
@inline
export function microKernel<T>(kc: i32, a: usize, aRow: usize, aK: usize, b: usize, c: usize, ldc: usize, accumulate: bool): void {
  if (sizeof<T>() == 8) tile3x6(kc, a, aRow, aK, b, c, ldc, accumulate);
  else tile4x8(kc, a, b, c, ldc, accumulate);
}

// An end-pointer loop in both: V8 keeps it in registers; a counter compared with kc ran 7% slower.
// @ts-ignore: decorator
@inline
function tile3x6(kc: i32, a: usize, aRow: usize, aK: usize, b: usize, c: usize, ldc: usize, accumulate: bool): void {
  let c00 = v128.splat<i32>(0), c01 = c00, c02 = c00, c10 = c00, c11 = c00, c12 = c00, c20 = c00, c21 = c00, c22 = c00;
  const aRow2 = aRow << 1;
  const bEnd = b + <usize>kc * 48;
  while (b < bEnd) {
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    const b2 = v128.load(b, 32);
    let a0 = v128.load64_splat(a);
    c00 = madd<f64>(c00, a0, b0);
    c01 = madd<f64>(c01, a0, b1);
    c02 = madd<f64>(c02, a0, b2);
    a0 = v128.load64_splat(a + aRow);
    c10 = madd<f64>(c10, a0, b0);
    c11 = madd<f64>(c11, a0, b1);
    c12 = madd<f64>(c12, a0, b2);
    a0 = v128.load64_splat(a + aRow2);
    c20 = madd<f64>(c20, a0, b0);
    c21 = madd<f64>(c21, a0, b1);
    c22 = madd<f64>(c22, a0, b2);
    a += aK;
    b += 48;
  }
  let row = c;
  put<f64>(row, c00, accumulate);
  put<f64>(row + 16, c01, accumulate);
  put<f64>(row + 32, c02, accumulate);
  row += ldc;
  put<f64>(row, c10, accumulate);
  put<f64>(row + 16, c11, accumulate);
  put<f64>(row + 32, c12, accumulate);
  row += ldc;
  put<f64>(row, c20, accumulate);
  put<f64>(row + 16, c21, accumulate);
  put<f64>(row + 32, c22, accumulate);
}

// Ã packed, 4 floats per k: the broadcasts load with immediate offsets (as address additions, a + 4,
// they cost one lea each in V8's code).
// @ts-ignore: decorator
@inline
function tile4x8(kc: i32, a: usize, b: usize, c: usize, ldc: usize, accumulate: bool): void {
  let c00 = v128.splat<i32>(0), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
  const bEnd = b + (<usize>kc << 5);
  while (b < bEnd) {
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    let a0 = v128.load32_splat(a);
    c00 = madd<f32>(c00, a0, b0);
    c01 = madd<f32>(c01, a0, b1);
    a0 = v128.load32_splat(a, 4);
    c10 = madd<f32>(c10, a0, b0);
    c11 = madd<f32>(c11, a0, b1);
    a0 = v128.load32_splat(a, 8);
    c20 = madd<f32>(c20, a0, b0);
    c21 = madd<f32>(c21, a0, b1);
    a0 = v128.load32_splat(a, 12);
    c30 = madd<f32>(c30, a0, b0);
    c31 = madd<f32>(c31, a0, b1);
    a += 16;
    b += 32;
  }
  let row = c;
  put<f32>(row, c00, accumulate);
  put<f32>(row + 16, c01, accumulate);
  row += ldc;
  put<f32>(row, c10, accumulate);
  put<f32>(row + 16, c11, accumulate);
  row += ldc;
  put<f32>(row, c20, accumulate);
  put<f32>(row + 16, c21, accumulate);
  row += ldc;
  put<f32>(row, c30, accumulate);
  put<f32>(row + 16, c31, accumulate);
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
