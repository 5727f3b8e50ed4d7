// Conversion between dtypes, a differentiable op as PyTorch's .to(dtype): the gradient flows
// back converted to the input's dtype. Promotion of mixed operands goes through it (ops/index.ts).
import { dtypeOf, type DType, type Storage } from "../dtype";
import { alloc } from "../storage";
import { OpFn } from "../autograd/function";
import { Tensor } from "../tensor";

function converted(a: Storage, dtype: DType): Storage {
  const out = alloc(a.length, dtype);
  out.set(a);
  return out;
}

class CastFn extends OpFn {
  readonly name = "to";
  forward(x: Tensor, dtype: DType) { return new Tensor(converted(x.data, dtype), x.shape); }
  backward(g: Storage) { return [converted(g, dtypeOf(this.inputs[0].data))]; }
}

/** x's values in another dtype (rounded to float32 when narrowing). */
export const cast = (x: Tensor, dtype: DType): Tensor => CastFn.apply(x, dtype);
