// logSoftmax along one axis as a primitive: the max-shifted form is the only numerically safe
// one, and its backward (g − softmax·Σg) is one pass. softmax is exp(logSoftmax).
import type { Storage } from "../dtype";
import { allocLike } from "../storage";
import { OpFn } from "../autograd/function";
import { splitAt, type Shape } from "../shape";
import { Tensor } from "../tensor";

class LogSoftmaxFn extends OpFn {
  readonly name = "logSoftmax";
  private y!: Storage;
  private axis = 0;
  forward(x: Tensor, axis: number) {
    this.axis = axis;
    this.y = logSoftmaxValues(x.data, x.shape, axis);
    return new Tensor(this.y, x.shape);
  }
  backward(g: Storage) {
    const { outer, size, inner } = splitAt(this.inputs[0].shape, this.axis);
    const y = this.y, dx = allocLike(g);
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
export const logSoftmaxAxis = (x: Tensor, axis: number): Tensor => LogSoftmaxFn.apply(x, axis);

function logSoftmaxValues(a: Storage, shape: Shape, axis: number): Storage {
  const { outer, size, inner } = splitAt(shape, axis);
  const y = allocLike(a);
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
  return y;
}
