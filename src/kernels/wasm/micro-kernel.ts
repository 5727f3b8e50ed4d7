// The register tile of the WASM GEMMs: 4×4 doubles or 4×8 floats of C in eight v128 accumulators
// (two per row of the tile). V8 has 15 usable xmm registers on x64, and its code for a k step issues
// all six loads (4 broadcasts of A, 2 vectors of B) before the eight FMAs: 14 live registers. A
// 5×4 tile needs 17 and a 6×4 20, and V8 then keeps accumulators on the stack (seen with
// --print-wasm-code; 5×4 ran at 52% of the f64x2 ceiling where 4×4 ran at 70%, 2026-12-01).

// C[4×NR] (+)= Ã[4×kc]·B̃[kc×NR] (NR = 16 bytes / sizeof<T> × 2): overwrites C, or adds to it when
// accumulate is set. Ã holds 4 values per k, B̃ 32 bytes per k.
// @ts-ignore: decorator
@inline
export function microKernel<T>(kc: i32, a: usize, b: usize, c: usize, ldc: usize, accumulate: bool): void {
  const size = <usize>sizeof<T>();
  let c00 = v128.splat<i32>(0), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;

  // An end-pointer loop: V8 keeps it in registers; a counter compared with kc ran 7% slower. A's
  // values are broadcast by loads with immediate offsets: as address additions (a + size) they
  // cost one lea each in V8's code.
  const bEnd = b + (<usize>kc << 5);
  while (b < bEnd) {
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    let a0 = sizeof<T>() == 8 ? v128.load64_splat(a) : v128.load32_splat(a);
    c00 = madd<T>(c00, a0, b0);
    c01 = madd<T>(c01, a0, b1);
    a0 = sizeof<T>() == 8 ? v128.load64_splat(a, 8) : v128.load32_splat(a, 4);
    c10 = madd<T>(c10, a0, b0);
    c11 = madd<T>(c11, a0, b1);
    a0 = sizeof<T>() == 8 ? v128.load64_splat(a, 16) : v128.load32_splat(a, 8);
    c20 = madd<T>(c20, a0, b0);
    c21 = madd<T>(c21, a0, b1);
    a0 = sizeof<T>() == 8 ? v128.load64_splat(a, 24) : v128.load32_splat(a, 12);
    c30 = madd<T>(c30, a0, b0);
    c31 = madd<T>(c31, a0, b1);
    a += 4 * size;
    b += 32;
  }
  let row = c;
  put<T>(row, c00, accumulate);
  put<T>(row + 16, c01, accumulate);
  row += ldc;
  put<T>(row, c10, accumulate);
  put<T>(row + 16, c11, accumulate);
  row += ldc;
  put<T>(row, c20, accumulate);
  put<T>(row + 16, c21, accumulate);
  row += ldc;
  put<T>(row, c30, accumulate);
  put<T>(row + 16, c31, accumulate);
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
