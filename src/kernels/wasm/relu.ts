// relu and its gradient over float64 and float32 arrays, one v128 at a time. In JS the select
// `x > 0 ? x : 0` is a branch that random signs mispredict half the time (128 µs for 16,384
// floats; here a few µs): max and a compare mask have no branch. NaN: max keeps it (as PyTorch's
// relu); the gradient at NaN is 0 (x > 0 is false), as PyTorch's threshold_backward.

/** y[i] = max(x[i], 0) for n doubles (x and y may be the same array). */
export function relu(x: usize, y: usize, n: i32): void {
  reluOf<f64>(x, y, n);
}
/** The same for n floats. */
export function relu32(x: usize, y: usize, n: i32): void {
  reluOf<f32>(x, y, n);
}
/** out[i] = x[i] > 0 ? g[i] : 0 for n doubles: the gradient through y = relu(x). */
export function reluBackward(x: usize, g: usize, out: usize, n: i32): void {
  reluBackwardOf<f64>(x, g, out, n);
}
/** The same for n floats. */
export function reluBackward32(x: usize, g: usize, out: usize, n: i32): void {
  reluBackwardOf<f32>(x, g, out, n);
}

// @ts-ignore: decorator
@inline
function reluOf<T>(x: usize, y: usize, n: i32): void {
  const size = <usize>sizeof<T>();
  const zero = v128.splat<i32>(0);
  const end = x + ((<usize>n * size) & ~15);
  while (x < end) {
    const v = v128.load(x);
    v128.store(y, sizeof<T>() == 8 ? f64x2.max(v, zero) : f32x4.max(v, zero));
    x += 16;
    y += 16;
  }
  const tail = x + ((<usize>n * size) & 15);
  while (x < tail) {
    const v = load<T>(x);
    store<T>(y, v > 0 ? v : v != v ? v : <T>0);
    x += size;
    y += size;
  }
}

// @ts-ignore: decorator
@inline
function reluBackwardOf<T>(x: usize, g: usize, out: usize, n: i32): void {
  const size = <usize>sizeof<T>();
  const zero = v128.splat<i32>(0);
  const end = x + ((<usize>n * size) & ~15);
  while (x < end) {
    const positive = sizeof<T>() == 8 ? f64x2.gt(v128.load(x), zero) : f32x4.gt(v128.load(x), zero);
    v128.store(out, v128.and(v128.load(g), positive));
    x += 16;
    g += 16;
    out += 16;
  }
  const tail = x + ((<usize>n * size) & 15);
  while (x < tail) {
    store<T>(out, load<T>(x) > 0 ? load<T>(g) : <T>0);
    x += size;
    g += size;
    out += size;
  }
}
