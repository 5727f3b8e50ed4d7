// The machine's WebAssembly SIMD ceiling: 12 independent multiply-add chains per lane type (enough
// to hide the latency on one core): acc·m + c without FMA, m·c + acc (the GEMM tile's form, which V8
// turns into one vfmadd231 on the accumulator) with it, compiled by bench/wasm-peak.mjs with and without relaxed-SIMD
// FMA. Each iteration of peakF64 does 12 f64x2 multiply-adds (48 FLOP), of peakF32 12 f32x4 (96 FLOP).

// @ts-ignore: decorator
@inline
function madd64(acc: v128, m: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f64x2.relaxed_madd(m, c, acc);
  return f64x2.add(f64x2.mul(acc, m), c);
}

// @ts-ignore: decorator
@inline
function madd32(acc: v128, m: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(m, c, acc);
  return f32x4.add(f32x4.mul(acc, m), c);
}

/** iterations × 12 f64x2 multiply-adds; returns a lane so nothing is optimised away. */
export function peakF64(iterations: i32, seed: f64): f64 {
  const m = f64x2.splat(0.999999), c = f64x2.splat(seed * 1e-6);
  let a0 = f64x2.splat(seed), a1 = f64x2.splat(seed + 1), a2 = f64x2.splat(seed + 2), a3 = f64x2.splat(seed + 3);
  let a4 = f64x2.splat(seed + 4), a5 = f64x2.splat(seed + 5), a6 = f64x2.splat(seed + 6), a7 = f64x2.splat(seed + 7);
  let a8 = f64x2.splat(seed + 8), a9 = f64x2.splat(seed + 9), a10 = f64x2.splat(seed + 10), a11 = f64x2.splat(seed + 11);
  for (let i = 0; i < iterations; i++) {
    a0 = madd64(a0, m, c); a1 = madd64(a1, m, c); a2 = madd64(a2, m, c); a3 = madd64(a3, m, c);
    a4 = madd64(a4, m, c); a5 = madd64(a5, m, c); a6 = madd64(a6, m, c); a7 = madd64(a7, m, c);
    a8 = madd64(a8, m, c); a9 = madd64(a9, m, c); a10 = madd64(a10, m, c); a11 = madd64(a11, m, c);
  }
  const s = f64x2.add(f64x2.add(f64x2.add(a0, a1), f64x2.add(a2, a3)), f64x2.add(f64x2.add(a4, a5), f64x2.add(a6, a7)));
  return f64x2.extract_lane(f64x2.add(s, f64x2.add(f64x2.add(a8, a9), f64x2.add(a10, a11))), 0);
}

/** iterations × 12 f32x4 multiply-adds. */
export function peakF32(iterations: i32, seed: f32): f32 {
  const m = f32x4.splat(0.9999), c = f32x4.splat(seed * 1e-4);
  let a0 = f32x4.splat(seed), a1 = f32x4.splat(seed + 1), a2 = f32x4.splat(seed + 2), a3 = f32x4.splat(seed + 3);
  let a4 = f32x4.splat(seed + 4), a5 = f32x4.splat(seed + 5), a6 = f32x4.splat(seed + 6), a7 = f32x4.splat(seed + 7);
  let a8 = f32x4.splat(seed + 8), a9 = f32x4.splat(seed + 9), a10 = f32x4.splat(seed + 10), a11 = f32x4.splat(seed + 11);
  for (let i = 0; i < iterations; i++) {
    a0 = madd32(a0, m, c); a1 = madd32(a1, m, c); a2 = madd32(a2, m, c); a3 = madd32(a3, m, c);
    a4 = madd32(a4, m, c); a5 = madd32(a5, m, c); a6 = madd32(a6, m, c); a7 = madd32(a7, m, c);
    a8 = madd32(a8, m, c); a9 = madd32(a9, m, c); a10 = madd32(a10, m, c); a11 = madd32(a11, m, c);
  }
  const s = f32x4.add(f32x4.add(f32x4.add(a0, a1), f32x4.add(a2, a3)), f32x4.add(f32x4.add(a4, a5), f32x4.add(a6, a7)));
  return f32x4.extract_lane(f32x4.add(s, f32x4.add(f32x4.add(a8, a9), f32x4.add(a10, a11))), 0);
}
