// Stochastic gradient descent with PyTorch's exact update rule.
import { msg } from "../messages";
import type { Tensor } from "../tensor";
import { dtypeOf, type Storage } from "../dtype";
import { optimPaysInWasm, sgdWasm } from "../kernels/optim";
import { longLivedStorage } from "../kernels/resident";
import { checkArg, Optimizer, type OptimizerState } from "./optimizer";

/** SGD hyper-parameters (PyTorch's names in camelCase). */
export interface SGDOptions {
  lr: number;
  momentum?: number;
  dampening?: number;
  weightDecay?: number;
  nesterov?: boolean;
}

/**
 * SGD, as torch.optim.SGD:
 *   g ← grad + weightDecay·p
 *   if momentum ≠ 0: buf ← g on the first step, else momentum·buf + (1 − dampening)·g
 *                    g ← nesterov ? g + momentum·buf : buf
 *   p ← p − lr·g
 */
export class SGD extends Optimizer {
  lr: number;
  readonly momentum: number;
  readonly dampening: number;
  readonly weightDecay: number;
  readonly nesterov: boolean;

  constructor(params: Iterable<Tensor>, options: SGDOptions) {
    super(params, "SGD");
    this.lr = checkArg("SGD", "learning rate", options?.lr);
    this.momentum = checkArg("SGD", "momentum", options.momentum ?? 0);
    this.dampening = checkArg("SGD", "dampening", options.dampening ?? 0);
    this.weightDecay = checkArg("SGD", "weight_decay", options.weightDecay ?? 0);
    this.nesterov = options.nesterov ?? false;
    if (this.nesterov && (this.momentum <= 0 || this.dampening !== 0)) throw new Error(msg.optimNesterov());
  }

  protected update(p: Storage, grad: Storage, state: OptimizerState): void {
    const { lr, momentum, dampening, weightDecay, nesterov } = this;
    const n = p.length;
    const first = state.buf === undefined;
    const buf = momentum === 0 ? null : first ? (state.buf = longLivedStorage(dtypeOf(p), n)) : (state.buf as Storage);
    // Large parameters in WASM (the same bits as these loops, several times faster).
    if (optimPaysInWasm(n)) return sgdWasm(p, grad, buf, first, this);
    if (buf === null) {
      for (let i = 0; i < n; i++) p[i] -= lr * (grad[i] + weightDecay * p[i]);
      return;
    }
    for (let i = 0; i < n; i++) {
      const g = weightDecay === 0 ? grad[i] : grad[i] + weightDecay * p[i];
      buf[i] = first ? g : momentum * buf[i] + (1 - dampening) * g;
      p[i] -= lr * (nesterov ? g + momentum * buf[i] : buf[i]);
    }
  }
}
