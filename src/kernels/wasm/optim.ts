// The optimizers' updates (SGD, Adam) over float64 and float32 parameters, two values per v128 in
// float64 arithmetic: float32 values are widened on load and rounded once on store, which is what
// the plain loops of src/optim/ do in JS (every JS number is a double). Same operations in the
// same order, so the kernels and the loops give identical bits. W2 (118,282 parameters) spent
// ~0.8 ms of a step in the loops; these take a few tens of µs.

// Flags of sgd: bit 0 nesterov, bit 1 first step (the buffer starts at the gradient), bit 2 no momentum.
const NESTEROV = 1, FIRST = 2, PLAIN = 4;

/** SGD's update of n doubles p from gradient g with momentum buffer buf (src/optim/sgd.ts). */
export function sgd(p: usize, g: usize, buf: usize, n: i32, lr: f64, momentum: f64, dampening: f64, weightDecay: f64, flags: i32): void {
  sgdOf<f64>(p, g, buf, n, lr, momentum, dampening, weightDecay, flags);
}
/** The same for n floats. */
export function sgd32(p: usize, g: usize, buf: usize, n: i32, lr: f64, momentum: f64, dampening: f64, weightDecay: f64, flags: i32): void {
  sgdOf<f32>(p, g, buf, n, lr, momentum, dampening, weightDecay, flags);
}

/** Adam's update of n doubles p with moments m, v (src/optim/adam.ts; stepSize = lr / (1 − β1ᵗ), bc2Sqrt = √(1 − β2ᵗ)). */
export function adam(p: usize, g: usize, m: usize, v: usize, n: i32, b1: f64, b2: f64, stepSize: f64, bc2Sqrt: f64, eps: f64, weightDecay: f64): void {
  adamOf<f64>(p, g, m, v, n, b1, b2, stepSize, bc2Sqrt, eps, weightDecay);
}
/** The same for n floats. */
export function adam32(p: usize, g: usize, m: usize, v: usize, n: i32, b1: f64, b2: f64, stepSize: f64, bc2Sqrt: f64, eps: f64, weightDecay: f64): void {
  adamOf<f32>(p, g, m, v, n, b1, b2, stepSize, bc2Sqrt, eps, weightDecay);
}

// Two values at p as doubles.
// @ts-ignore: decorator
@inline
function load2<T>(p: usize): v128 {
  return sizeof<T>() == 8 ? v128.load(p) : f64x2.promote_low_f32x4(v128.load64_zero(p));
}

// Stores two doubles at p (rounded to float32 for T = f32) and returns the values stored, as doubles.
// @ts-ignore: decorator
@inline
function store2<T>(p: usize, x: v128): v128 {
  if (sizeof<T>() == 8) {
    v128.store(p, x);
    return x;
  }
  const narrow = f32x4.demote_f64x2_zero(x);
  v128.store64_lane(p, narrow, 0);
  return f64x2.promote_low_f32x4(narrow);
}

// One value at p as a double, and a double stored (rounded for T = f32) and read back.
// @ts-ignore: decorator
@inline
function load1<T>(p: usize): f64 {
  return <f64>load<T>(p);
}
// @ts-ignore: decorator
@inline
function store1<T>(p: usize, x: f64): f64 {
  store<T>(p, <T>x);
  return <f64>load<T>(p);
}

// @ts-ignore: decorator
@inline
function sgdOf<T>(p: usize, g: usize, buf: usize, n: i32, lr: f64, momentum: f64, dampening: f64, weightDecay: f64, flags: i32): void {
  const size = <usize>sizeof<T>();
  const pairs = <usize>(n >> 1) * 2 * size;
  const end = p + <usize>n * size;
  const plain = (flags & PLAIN) != 0, first = (flags & FIRST) != 0, nesterov = (flags & NESTEROV) != 0;
  const vlr = f64x2.splat(lr), vm = f64x2.splat(momentum), vd = f64x2.splat(1 - dampening), vwd = f64x2.splat(weightDecay);
  const pairsEnd = p + pairs;
  while (p < pairsEnd) {
    const vp = load2<T>(p);
    if (plain) {
      // p ← p − lr·(g + weightDecay·p), weight decay applied even when 0 (as the loop: 0·∞ is NaN).
      store2<T>(p, f64x2.sub(vp, f64x2.mul(vlr, f64x2.add(load2<T>(g), f64x2.mul(vwd, vp)))));
    } else {
      const vg = weightDecay == 0 ? load2<T>(g) : f64x2.add(load2<T>(g), f64x2.mul(vwd, vp));
      const b = store2<T>(buf, first ? vg : f64x2.add(f64x2.mul(vm, load2<T>(buf)), f64x2.mul(vd, vg)));
      store2<T>(p, f64x2.sub(vp, f64x2.mul(vlr, nesterov ? f64x2.add(vg, f64x2.mul(vm, b)) : b)));
    }
    p += 2 * size;
    g += 2 * size;
    buf += 2 * size;
  }
  if (p < end) {
    const sp = load1<T>(p);
    if (plain) {
      store1<T>(p, sp - lr * (load1<T>(g) + weightDecay * sp));
    } else {
      const sg = weightDecay == 0 ? load1<T>(g) : load1<T>(g) + weightDecay * sp;
      const b = store1<T>(buf, first ? sg : momentum * load1<T>(buf) + (1 - dampening) * sg);
      store1<T>(p, sp - lr * (nesterov ? sg + momentum * b : b));
    }
  }
}

// @ts-ignore: decorator
@inline
function adamOf<T>(p: usize, g: usize, m: usize, v: usize, n: i32, b1: f64, b2: f64, stepSize: f64, bc2Sqrt: f64, eps: f64, weightDecay: f64): void {
  const size = <usize>sizeof<T>();
  const end = p + <usize>n * size;
  const pairsEnd = p + <usize>(n >> 1) * 2 * size;
  const vb1 = f64x2.splat(b1), vc1 = f64x2.splat(1 - b1), vb2 = f64x2.splat(b2), vc2 = f64x2.splat(1 - b2);
  const vstep = f64x2.splat(stepSize), vbc2 = f64x2.splat(bc2Sqrt), veps = f64x2.splat(eps), vwd = f64x2.splat(weightDecay);
  while (p < pairsEnd) {
    const vp = load2<T>(p);
    const vg = weightDecay == 0 ? load2<T>(g) : f64x2.add(load2<T>(g), f64x2.mul(vwd, vp));
    const mm = store2<T>(m, f64x2.add(f64x2.mul(vb1, load2<T>(m)), f64x2.mul(vc1, vg)));
    const vv = store2<T>(v, f64x2.add(f64x2.mul(vb2, load2<T>(v)), f64x2.mul(f64x2.mul(vc2, vg), vg)));
    store2<T>(p, f64x2.sub(vp, f64x2.div(f64x2.mul(vstep, mm), f64x2.add(f64x2.div(f64x2.sqrt(vv), vbc2), veps))));
    p += 2 * size;
    g += 2 * size;
    m += 2 * size;
    v += 2 * size;
  }
  if (p < end) {
    const sp = load1<T>(p);
    const sg = weightDecay == 0 ? load1<T>(g) : load1<T>(g) + weightDecay * sp;
    const mm = store1<T>(m, b1 * load1<T>(m) + (1 - b1) * sg);
    const vv = store1<T>(v, b2 * load1<T>(v) + (1 - b2) * sg * sg);
    store1<T>(p, sp - (stepSize * mm) / (Math.sqrt(vv) / bc2Sqrt + eps));
  }
}
