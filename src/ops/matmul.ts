// Matrix products: matmul of 2-D operands, and the fused linear layer y = x·Wᵀ + b, which runs
// as one GEMM with a transposed operand instead of transpose + matmul + expand + add.
import { alloc } from "../storage";
import { Fn, isGradEnabled } from "../autograd/function";
import { gemm } from "../kernels/gemm";
import { Tensor } from "../tensor";

class MatmulFn extends Fn {
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

class LinearFn extends Fn {
  readonly name = "linear";
  backward(g: Float64Array) {
    const [x, w, b] = this.inputs;
    const [N, inF] = x.shape, outF = w.shape[0];
    let db: Float64Array | null = null;
    if (b !== undefined && b.requiresGrad) {
      db = alloc(outF);
      for (let i = 0; i < N; i++) for (let j = 0; j < outF; j++) db[j] += g[i * outF + j];
    }
    return [
      x.requiresGrad ? gemm(false, false, N, inF, outF, g, w.data) : null, // dx = g·W
      w.requiresGrad ? gemm(true, false, outF, inF, N, g, x.data) : null, // dW = gᵀ·x
      db,
    ];
  }
}
/** x [N,in] · Wᵀ (W is [out,in]) + b [out] (shapes validated by the caller). */
export function linear2d(x: Tensor, w: Tensor, b: Tensor | null): Tensor {
  const [N, inF] = x.shape, outF = w.shape[0];
  const out = gemm(false, true, N, outF, inF, x.data, w.data);
  if (b !== null) {
    const bd = b.data;
    for (let i = 0; i < N; i++) for (let j = 0; j < outF; j++) out[i * outF + j] += bd[j];
  }
  const inputs = b === null ? [x, w] : [x, w, b];
  const track = isGradEnabled() && inputs.some((t) => t.requiresGrad);
  return new Tensor(out, [N, outF], track ? new LinearFn(inputs) : null);
}
