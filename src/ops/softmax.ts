// logSoftmax along one axis as a primitive: the max-shifted form is the only numerically safe
// one, and its backward (g − softmax·Σg) is one pass. softmax is exp(logSoftmax).
import { alloc } from "../storage";
import { OpFn, needsGrad } from "../autograd/function";
import { splitAt } from "../shape";
import { Tensor } from "../tensor";

class LogSoftmaxFn extends OpFn {
  readonly name = "logSoftmax";
  constructor(x: Tensor, private readonly y: Float64Array, private readonly axis: number) { super([x]); }
  backward(g: Float64Array) {
    const { outer, size, inner } = splitAt(this.inputs[0].shape, this.axis);
    const y = this.y, dx = alloc(g.length);
    for (let o = 0; o < outer; o++) {
      for (let k = 0; k < inner; k++) {
        const base = o * size * inner + k;
        let s = 0;
        for (let j = 0; j < size; j++) s += g[base + j * inner];
        for (let j = 0; j < size; j++) {
          const p = base + j * inner;
          dx[p] = g[p] - Math.exp(y[p]) * s;
        }
      }
    }
    return [dx];
  }
}

/** log(softmax(x)) along `axis` (already normalised). */
export function logSoftmaxAxis(x: Tensor, axis: number): Tensor {
  const { outer, size, inner } = splitAt(x.shape, axis);
  const a = x.data, y = alloc(a.length);
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < inner; k++) {
      const base = o * size * inner + k;
      let m = -Infinity;
      for (let j = 0; j < size; j++) m = Math.max(m, a[base + j * inner]);
      let s = 0;
      for (let j = 0; j < size; j++) s += Math.exp(a[base + j * inner] - m);
      const lse = m + Math.log(s);
      for (let j = 0; j < size; j++) y[base + j * inner] = a[base + j * inner] - lse;
    }
  }
  return new Tensor(y, x.shape, needsGrad(x) ? new LogSoftmaxFn(x, y, axis) : null);
}
