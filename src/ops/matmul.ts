// Matrix products: matmul of 2-D operands, and the fused linear layer y = x·Wᵀ + b, which runs
// as one GEMM with a transposed operand instead of transpose + matmul + expand + add.
import { OpFn, isGradEnabled } from "../autograd/function";
import { gemm } from "../kernels/gemm";
import { linearBackward, linearForward } from "../kernels/linear";
import { Tensor } from "../tensor";

class MatmulFn extends OpFn {
  readonly name = "matmul";
  backward(g: Float64Array) {
    const [a, b] = this.inputs;
    const [M, K] = a.shape, N = b.shape[1];
    return [
      a.requiresGrad ? gemm(false, true, M, K, N, g, b.data) : null, // dA = g·Bᵀ
      b.requiresGrad ? gemm(true, false, K, N, M, a.data, g) : null, // dB = Aᵀ·g
    ];
  }
}
/** a [M,K] · b [K,N] (shapes validated by the caller). */
export function matmul2d(a: Tensor, b: Tensor): Tensor {
  const [M, K] = a.shape, N = b.shape[1];
  const out = gemm(false, false, M, N, K, a.data, b.data);
  const track = isGradEnabled() && (a.requiresGrad || b.requiresGrad);
  return new Tensor(out, [M, N], track ? new MatmulFn([a, b]) : null);
}

class LinearFn extends OpFn {
  readonly name = "linear";
  backward(g: Float64Array) {
    const [x, w, b] = this.inputs;
    const [N, inF] = x.shape, outF = w.shape[0];
    const need = { x: x.requiresGrad, w: w.requiresGrad, b: b !== undefined && b.requiresGrad };
    const { dx, dw, db } = linearBackward(g, x.data, w.data, N, inF, outF, need);
    return [dx, dw, db];
  }
}
/** x [N,in] · Wᵀ (W is [out,in]) + b [out] (shapes validated by the caller). */
export function linear2d(x: Tensor, w: Tensor, b: Tensor | null): Tensor {
  const [N, inF] = x.shape, outF = w.shape[0];
  const out = linearForward(x.data, w.data, b === null ? null : b.data, N, inF, outF);
  const track = isGradEnabled() && (x.requiresGrad || w.requiresGrad || (b !== null && b.requiresGrad));
  return new Tensor(out, [N, outF], track ? new LinearFn(b === null ? [x, w] : [x, w, b]) : null);
}
