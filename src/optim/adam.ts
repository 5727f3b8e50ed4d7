// Adam with PyTorch's exact update rule and bias correction.
import type { Tensor } from "../tensor";
import { dtypeOf, type Storage } from "../dtype";
import { adamWasm, optimPaysInWasm } from "../kernels/optim";
import { longLivedStorage } from "../kernels/resident";
import { checkArg, Optimizer, type OptimizerState } from "./optimizer";

/** Adam hyper-parameters (PyTorch's names in camelCase). */
export interface AdamOptions {
  lr?: number;
  betas?: [number, number];
  eps?: number;
  weightDecay?: number;
}

/**
 * Adam, as torch.optim.Adam (amsgrad off):
 *   t ← t + 1;  g ← grad + weightDecay·p
 *   m ← β1·m + (1 − β1)·g;  v ← β2·v + (1 − β2)·g²
 *   p ← p − (lr / (1 − β1ᵗ)) · m / (√v / √(1 − β2ᵗ) + eps)
 */
export class Adam extends Optimizer {
  lr: number;
  readonly betas: [number, number];
  readonly eps: number;
  readonly weightDecay: number;

  constructor(params: Iterable<Tensor>, options: AdamOptions = {}) {
    super(params, "Adam");
    this.lr = checkArg("Adam", "learning rate", options.lr ?? 1e-3);
    const [b1, b2] = options.betas ?? [0.9, 0.999];
    this.betas = [checkArg("Adam", "beta parameter at index 0", b1, 1), checkArg("Adam", "beta parameter at index 1", b2, 1)];
    this.eps = checkArg("Adam", "epsilon", options.eps ?? 1e-8);
    this.weightDecay = checkArg("Adam", "weight_decay", options.weightDecay ?? 0);
  }

  protected update(p: Storage, grad: Storage, state: OptimizerState): void {
    const n = p.length;
    const [b1, b2] = this.betas;
    if (state.step === undefined) {
      state.step = 0;
      state.expAvg = longLivedStorage(dtypeOf(p), n);
      state.expAvgSq = longLivedStorage(dtypeOf(p), n);
    }
    const t = (state.step as number) + 1;
    state.step = t;
    const m = state.expAvg as Storage, v = state.expAvgSq as Storage;
    const stepSize = this.lr / (1 - b1 ** t);
    const bc2Sqrt = Math.sqrt(1 - b2 ** t);
    // Large parameters in WASM (the same bits as this loop, several times faster).
    if (optimPaysInWasm(n)) return adamWasm(p, grad, m, v, b1, b2, stepSize, bc2Sqrt, this.eps, this.weightDecay);
    for (let i = 0; i < n; i++) {
      const g = this.weightDecay === 0 ? grad[i] : grad[i] + this.weightDecay * p[i];
      m[i] = b1 * m[i] + (1 - b1) * g;
      v[i] = b2 * v[i] + (1 - b2) * g * g;
      p[i] -= (stepSize * m[i]) / (Math.sqrt(v[i]) / bc2Sqrt + this.eps);
    }
  }
}
