// tanh over a float32 array, four lanes at a time, in float32 arithmetic. The same operations in
// the same order as tanhScalar32 in src/kernels/tanh.ts (every step rounded to float32 there), with
// no fused multiply-add, so both give identical bits.
//
// The method of tanh.ts in float32: a = min(|x|, 9) (tanh is ±1 in float32 beyond 9), t = 2a =
// k·ln2 + r with |r| ≤ ln2/2, expm1(r) = r + r²·P(r) (Cephes' expf polynomial, S. Moshier), so
// e^t − 1 = 2^k·expm1(r) + (2^k − 1) = num and tanh(a) = num/(num + 2). At most a few ulp off.

const LIMIT: f32 = 9;
const LOG2E: f32 = 1.44269504;
const ROUND: f32 = 12582912.0; // 1.5·2^23: adding it rounds to an integer k in the low mantissa bits
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;
const P0: f32 = 1.9875691500e-4;
const P1: f32 = 1.3981999507e-3;
const P2: f32 = 8.3334519073e-3;
const P3: f32 = 4.1665795894e-2;
const P4: f32 = 1.6666665459e-1;
const P5: f32 = 5.0000001201e-1;
const ONE_BITS: i32 = 0x3f800000;
const SIGN_BIT: i32 = 0x80000000;

// @ts-ignore: decorator
@inline
function tanh4(x: v128): v128 {
  const sign = v128.and(x, i32x4.splat(SIGN_BIT));
  const a = f32x4.pmin(v128.andnot(x, i32x4.splat(SIGN_BIT)), f32x4.splat(LIMIT)); // NaN stays NaN
  const t = f32x4.add(a, a);
  const kRounded = f32x4.add(f32x4.mul(t, f32x4.splat(LOG2E)), f32x4.splat(ROUND));
  const k = f32x4.sub(kRounded, f32x4.splat(ROUND));
  const r = f32x4.sub(f32x4.sub(t, f32x4.mul(k, f32x4.splat(LN2_HI))), f32x4.mul(k, f32x4.splat(LN2_LO)));
  let p = f32x4.add(f32x4.mul(f32x4.splat(P0), r), f32x4.splat(P1));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(P2));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(P3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(P4));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(P5));
  const em = f32x4.add(r, f32x4.mul(f32x4.mul(r, r), p));
  const scale = i32x4.add(i32x4.shl(kRounded, 23), i32x4.splat(ONE_BITS)); // 2^k
  const num = f32x4.add(f32x4.mul(scale, em), f32x4.sub(scale, f32x4.splat(1)));
  const y = f32x4.div(num, f32x4.add(num, f32x4.splat(2)));
  return v128.or(y, sign);
}

/** y[i] = tanh(x[i]) for n floats (x and y may be the same array). */
export function tanh32(x: usize, y: usize, n: i32): void {
  const end = x + (<usize>(n & ~3) << 2);
  while (x < end) {
    v128.store(y, tanh4(v128.load(x)));
    x += 16;
    y += 16;
  }
  for (let i = 0; i < (n & 3); i++) {
    v128.store32_lane(y, tanh4(v128.load32_zero(x)), 0);
    x += 4;
    y += 4;
  }
}

/** out[i] = g[i]·(1 − y[i]²) for n floats: the gradient through y = tanh(x). */
export function tanhBackward32(g: usize, y: usize, out: usize, n: i32): void {
  const one = f32x4.splat(1);
  const end = g + (<usize>(n & ~3) << 2);
  while (g < end) {
    const v = v128.load(y);
    v128.store(out, f32x4.mul(v128.load(g), f32x4.sub(one, f32x4.mul(v, v))));
    g += 16;
    y += 16;
    out += 16;
  }
  for (let i = 0; i < (n & 3); i++) {
    const v = load<f32>(y);
    store<f32>(out, load<f32>(g) * (1 - v * v));
    g += 4;
    y += 4;
    out += 4;
  }
}
