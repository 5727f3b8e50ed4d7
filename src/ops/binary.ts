// Binary elementwise primitives on equal shapes. Broadcasting is not done here: the tensor
// layer expands operands first (src/ops/index.ts), and expand's backward sums the gradient.
import { alloc } from "../storage";
import { OpFn, needsGrad } from "../autograd/function";
import { Tensor } from "../tensor";

class AddFn extends OpFn {
  readonly name = "add";
  backward(g: Float64Array): (Float64Array | null)[] {
    return [g, g];
  }
}

/** a + b, elementwise. */
export function addSame(a: Tensor, b: Tensor): Tensor {
  const x = a.data, y = b.data, n = x.length, out = alloc(n);
  for (let i = 0; i < n; i++) out[i] = x[i] + y[i];
  return new Tensor(out, a.shape, needsGrad(a, b) ? new AddFn([a, b]) : null);
}

class MulFn extends OpFn {
  readonly name = "mul";
  backward(g: Float64Array): (Float64Array | null)[] {
    const [a, b] = this.inputs;
    return [a.requiresGrad ? times(g, b.data) : null, b.requiresGrad ? times(g, a.data) : null];
  }
}

function times(x: Float64Array, y: Float64Array): Float64Array {
  const n = x.length, out = alloc(n);
  for (let i = 0; i < n; i++) out[i] = x[i] * y[i];
  return out;
}

/** a * b, elementwise. */
export function mulSame(a: Tensor, b: Tensor): Tensor {
  return new Tensor(times(a.data, b.data), a.shape, needsGrad(a, b) ? new MulFn([a, b]) : null);
}
