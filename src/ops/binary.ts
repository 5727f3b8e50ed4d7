// Binary elementwise primitives on equal shapes and dtypes. Broadcasting and dtype promotion are
// not done here: the tensor layer expands and converts operands first (src/ops/index.ts), and
// expand's backward sums the gradient.
import type { Storage } from "../dtype";
import { allocLike } from "../storage";
import { OpFn } from "../autograd/function";
import { Tensor } from "../tensor";

class AddFn extends OpFn {
  readonly name = "add";
  forward(a: Tensor, b: Tensor): Tensor {
    const x = a.data, y = b.data, n = x.length, out = allocLike(x);
    for (let i = 0; i < n; i++) out[i] = x[i] + y[i];
    return new Tensor(out, a.shape);
  }
  backward(g: Storage) {
    return [g, g];
  }
}

class MulFn extends OpFn {
  readonly name = "mul";
  forward(a: Tensor, b: Tensor): Tensor {
    return new Tensor(times(a.data, b.data), a.shape);
  }
  backward(g: Storage) {
    const [a, b] = this.inputs;
    return [a.requiresGrad ? times(g, b.data) : null, b.requiresGrad ? times(g, a.data) : null];
  }
}

function times(x: Storage, y: Storage): Storage {
  const n = x.length, out = allocLike(x);
  for (let i = 0; i < n; i++) out[i] = x[i] * y[i];
  return out;
}

/** a + b, elementwise. */
export const addSame = (a: Tensor, b: Tensor): Tensor => AddFn.apply(a, b);
/** a * b, elementwise. */
export const mulSame = (a: Tensor, b: Tensor): Tensor => MulFn.apply(a, b);
