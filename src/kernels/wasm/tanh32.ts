// tanh over a float32 array: each float is widened to float64, goes through the float64 kernel
// (tanh.ts) and is rounded once to float32, so the result is the float32 nearest to an almost
// exact tanh (PyTorch's own float32 tanh is within 1 ulp). tanhScalar32 in src/kernels/tanh.ts is
// the same in JS (Math.fround of tanhScalar), bit for bit. The gradient g·(1 − y²) is computed in
// float32, as PyTorch's float32 tanh_backward does.
import { tanh2 } from "./tanh";

// @ts-ignore: decorator
@inline
function tanh4(x: v128): v128 {
  const lo = tanh2(f64x2.promote_low_f32x4(x));
  const hi = tanh2(f64x2.promote_low_f32x4(v128.shuffle<f32>(x, x, 2, 3, 2, 3)));
  return v128.shuffle<f32>(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5);
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

/** out[i] = g[i]·(1 − y[i]²) for n floats, in float32: the gradient through y = tanh(x). */
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
