// Matrix products: matmul of 2-D operands, and the fused linear layer y = x·Wᵀ + b, which runs
// as one GEMM with a transposed operand instead of transpose + matmul + expand + add. Operands
// share one dtype (checked by the caller, as PyTorch's mm does).
import type { Storage } from "../dtype";
import { OpFn } from "../autograd/function";
import { gemm } from "../kernels/gemm";
import { linearBackward, linearForward } from "../kernels/linear";
import { Tensor } from "../tensor";

class MatmulFn extends OpFn {
  readonly name = "matmul";
  forward(a: Tensor, b: Tensor) {
    const [M, K] = a.shape, N = b.shape[1];
    return new Tensor(gemm(false, false, M, N, K, a.data, b.data), [M, N]);
  }
  backward(g: Storage) {
    const [a, b] = this.inputs;
    const [M, K] = a.shape, N = b.shape[1];
    return [
      a.requiresGrad ? gemm(false, true, M, K, N, g, b.data) : null, // dA = g·Bᵀ
      b.requiresGrad ? gemm(true, false, K, N, M, a.data, g) : null, // dB = Aᵀ·g
    ];
  }
}
/** a [M,K] · b [K,N] (shapes validated by the caller). */
export const matmul2d = (a: Tensor, b: Tensor): Tensor => MatmulFn.apply(a, b);

class LinearFn extends OpFn {
  readonly name = "linear";
  forward(x: Tensor, w: Tensor, b: Tensor | null) {
    const [N, inF] = x.shape, outF = w.shape[0];
    return new Tensor(linearForward(x.data, w.data, b === null ? null : b.data, N, inF, outF), [N, outF]);
  }
  backward(g: Storage) {
    const [x, w, b] = this.inputs;
    const [N, inF] = x.shape, outF = w.shape[0];
    const need = { x: x.requiresGrad, w: w.requiresGrad, b: b !== undefined && b.requiresGrad };
    const { dx, dw, db } = linearBackward(g, x.data, w.data, N, inF, outF, need);
    return [dx, dw, db];
  }
}
/** x [N,in] · Wᵀ (W is [out,in]) + b [out] (shapes validated by the caller). */
export const linear2d = (x: Tensor, w: Tensor, b: Tensor | null): Tensor => LinearFn.apply(x, w, b);
