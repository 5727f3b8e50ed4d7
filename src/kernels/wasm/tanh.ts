// tanh over a float64 array, two lanes at a time. The same operations in the same order as
// tanhScalar in src/kernels/tanh.ts, with no fused multiply-add, so both give identical bits.
//
// For a = min(|x|, 20) (tanh is ±1 in float64 beyond 20), t = 2a = k·ln2 + r with |r| ≤ ln2/2.
// expm1(r) = 2p/d with p = r·P(r²), d = Q(r²) − p (the Padé form of Cephes' exp.c, S. Moshier),
// so e^t − 1 = num/d with num = 2^k·2p + (2^k − 1)·d, and tanh(a) = (e^t − 1)/(e^t + 1)
// = num/(num + 2d): one division, no cancellation (num and d keep their signs apart).
// The sign of x is put back last, which also keeps tanh(−0) = −0.

const LIMIT: f64 = 20;
const LOG2E: f64 = 1.4426950408889634;
// Adding 1.5·2^52 rounds to an integer k, which then sits in the low mantissa bits.
const ROUND: f64 = 6755399441055744.0;
const LN2_HI: f64 = 6.93147180369123816490e-1;
const LN2_LO: f64 = 1.90821492927058770002e-10;
const P0: f64 = 1.26177193074810590878e-4;
const P1: f64 = 3.02994407707441961300e-2;
const P2: f64 = 9.99999999999999999910e-1;
const Q0: f64 = 3.00198505138664455042e-6;
const Q1: f64 = 2.52448340349684104192e-3;
const Q2: f64 = 2.27265548208155028766e-1;
const Q3: f64 = 2.00000000000000000009e0;
const ONE_BITS: i64 = 0x3ff0000000000000;
const SIGN_BIT: i64 = 0x8000000000000000;

/** tanh of two doubles (also the float32 kernel's, which rounds the result once). */
// @ts-ignore: decorator
@inline
export function tanh2(x: v128): v128 {
  const sign = v128.and(x, i64x2.splat(SIGN_BIT));
  const a = f64x2.pmin(v128.andnot(x, i64x2.splat(SIGN_BIT)), f64x2.splat(LIMIT)); // NaN stays NaN
  const t = f64x2.add(a, a);
  const kRounded = f64x2.add(f64x2.mul(t, f64x2.splat(LOG2E)), f64x2.splat(ROUND));
  const k = f64x2.sub(kRounded, f64x2.splat(ROUND));
  const r = f64x2.sub(f64x2.sub(t, f64x2.mul(k, f64x2.splat(LN2_HI))), f64x2.mul(k, f64x2.splat(LN2_LO)));
  const rr = f64x2.mul(r, r);
  const p = f64x2.mul(r, f64x2.add(f64x2.mul(f64x2.add(f64x2.mul(f64x2.splat(P0), rr), f64x2.splat(P1)), rr), f64x2.splat(P2)));
  const q = f64x2.add(f64x2.mul(f64x2.add(f64x2.mul(f64x2.add(f64x2.mul(f64x2.splat(Q0), rr), f64x2.splat(Q1)), rr), f64x2.splat(Q2)), rr), f64x2.splat(Q3));
  const d = f64x2.sub(q, p);
  const scale = i64x2.add(i64x2.shl(kRounded, 52), i64x2.splat(ONE_BITS)); // 2^k
  const num = f64x2.add(f64x2.mul(scale, f64x2.add(p, p)), f64x2.mul(f64x2.sub(scale, f64x2.splat(1)), d));
  const y = f64x2.div(num, f64x2.add(num, f64x2.add(d, d)));
  return v128.or(y, sign);
}

/** y[i] = tanh(x[i]) for n doubles (x and y may be the same array). */
export function tanh(x: usize, y: usize, n: i32): void {
  const end = x + (<usize>(n & ~1) << 3);
  while (x < end) {
    v128.store(y, tanh2(v128.load(x)));
    x += 16;
    y += 16;
  }
  if (n & 1) v128.store64_lane(y, tanh2(v128.load64_zero(x)), 0);
}

/** out[i] = g[i]·(1 − y[i]²) for n doubles: the gradient through y = tanh(x). */
export function tanhBackward(g: usize, y: usize, out: usize, n: i32): void {
  tanhBackwardOf<f64>(g, y, out, n);
}
/** The same for n floats, in float32 arithmetic (as PyTorch's float32 tanh_backward). */
export function tanhBackward32(g: usize, y: usize, out: usize, n: i32): void {
  tanhBackwardOf<f32>(g, y, out, n);
}

// @ts-ignore: decorator
@inline
function tanhBackwardOf<T>(g: usize, y: usize, out: usize, n: i32): void {
  const size = <usize>sizeof<T>();
  const f64 = sizeof<T>() == 8;
  const one = f64 ? f64x2.splat(1) : f32x4.splat(1);
  const end = g + ((<usize>n * size) & ~15);
  while (g < end) {
    const v = v128.load(y);
    const d = f64 ? f64x2.mul(v128.load(g), f64x2.sub(one, f64x2.mul(v, v))) : f32x4.mul(v128.load(g), f32x4.sub(one, f32x4.mul(v, v)));
    v128.store(out, d);
    g += 16;
    y += 16;
    out += 16;
  }
  const tail = g + ((<usize>n * size) & 15);
  while (g < tail) {
    const v = load<T>(y);
    store<T>(out, load<T>(g) * (<T>1 - v * v));
    g += size;
    y += size;
    out += size;
  }
}
