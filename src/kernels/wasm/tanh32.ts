// tanh over a float32 array: each float is widened to float64, goes through the float64 kernel
// (tanh.ts) and is rounded once to float32, so the result is the float32 nearest to an almost
// exact tanh (PyTorch's own float32 tanh is within 1 ulp). tanhScalar32 in src/kernels/tanh.ts is
// the same in JS (Math.fround of tanhScalar), bit for bit. The gradient is tanhBackward32 (tanh.ts).
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
