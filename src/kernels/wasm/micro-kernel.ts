// The register tiles of the WASM GEMM: 4×4 doubles of C in eight f64x2 accumulators, or 4×8
// floats in eight f32x4 accumulators. V8 has 15 usable xmm registers on x64; 8 accumulators, 2 B
// vectors, 1 broadcast A value and 1 product fit without spills (a 6×4 or 4×6 tile needs 16 and
// measured slower).

// C[4×4] (+)= Ã[4×kc]·B̃[kc×4] in float64: overwrites C, or adds to it when accumulate is set.
// @ts-ignore: decorator
@inline
export function microKernel64(kc: i32, a: usize, b: usize, c: usize, ldc: usize, accumulate: bool): void {
  let c00 = f64x2.splat(0), c01 = f64x2.splat(0);
  let c10 = f64x2.splat(0), c11 = f64x2.splat(0);
  let c20 = f64x2.splat(0), c21 = f64x2.splat(0);
  let c30 = f64x2.splat(0), c31 = f64x2.splat(0);

  // An end-pointer loop: V8 keeps it in registers; a counter compared with kc ran 7% slower.
  const bEnd = b + (<usize>kc << 5);
  while (b < bEnd) {
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    let a0 = v128.load64_splat(a);
    c00 = madd(c00, a0, b0);
    c01 = madd(c01, a0, b1);
    a0 = v128.load64_splat(a, 8);
    c10 = madd(c10, a0, b0);
    c11 = madd(c11, a0, b1);
    a0 = v128.load64_splat(a, 16);
    c20 = madd(c20, a0, b0);
    c21 = madd(c21, a0, b1);
    a0 = v128.load64_splat(a, 24);
    c30 = madd(c30, a0, b0);
    c31 = madd(c31, a0, b1);
    a += 32;
    b += 32;
  }
  let row = c;
  put(row, c00, accumulate);
  put(row + 16, c01, accumulate);
  row += ldc;
  put(row, c10, accumulate);
  put(row + 16, c11, accumulate);
  row += ldc;
  put(row, c20, accumulate);
  put(row + 16, c21, accumulate);
  row += ldc;
  put(row, c30, accumulate);
  put(row + 16, c31, accumulate);
}

// C[4×8] (+)= Ã[4×kc]·B̃[kc×8] in float32.
// @ts-ignore: decorator
@inline
export function microKernel32(kc: i32, a: usize, b: usize, c: usize, ldc: usize, accumulate: bool): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  const bEnd = b + (<usize>kc << 5);
  while (b < bEnd) {
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    let a0 = v128.load32_splat(a);
    c00 = madd32(c00, a0, b0);
    c01 = madd32(c01, a0, b1);
    a0 = v128.load32_splat(a, 4);
    c10 = madd32(c10, a0, b0);
    c11 = madd32(c11, a0, b1);
    a0 = v128.load32_splat(a, 8);
    c20 = madd32(c20, a0, b0);
    c21 = madd32(c21, a0, b1);
    a0 = v128.load32_splat(a, 12);
    c30 = madd32(c30, a0, b0);
    c31 = madd32(c31, a0, b1);
    a += 16;
    b += 32;
  }
  let row = c;
  put32(row, c00, accumulate);
  put32(row + 16, c01, accumulate);
  row += ldc;
  put32(row, c10, accumulate);
  put32(row + 16, c11, accumulate);
  row += ldc;
  put32(row, c20, accumulate);
  put32(row + 16, c21, accumulate);
  row += ldc;
  put32(row, c30, accumulate);
  put32(row + 16, c31, accumulate);
}

// acc + a·b. The relaxed-SIMD build (dist/src/kernels/kernels-fma.wasm) fuses it into one FMA; the
// host picks it where the runtime validates it (newer V8s; Node 20 only with
// --experimental-wasm-relaxed-simd). Measured +15–17% at n = 256…1024 on the project machine.
// @ts-ignore: decorator
@inline
function madd(acc: v128, a: v128, b: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f64x2.relaxed_madd(a, b, acc);
  return f64x2.add(acc, f64x2.mul(a, b));
}

// The same in float32.
// @ts-ignore: decorator
@inline
function madd32(acc: v128, a: v128, b: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, acc);
  return f32x4.add(acc, f32x4.mul(a, b));
}

// Writes four floats of C, or adds them to what is there.
// @ts-ignore: decorator
@inline
function put32(p: usize, v: v128, accumulate: bool): void {
  v128.store(p, accumulate ? f32x4.add(v128.load(p), v) : v);
}

// Writes two doubles of C, or adds them to what is there.
// @ts-ignore: decorator
@inline
function put(p: usize, v: v128, accumulate: bool): void {
  v128.store(p, accumulate ? f64x2.add(v128.load(p), v) : v);
}
