// The optimizer base: parameters, per-parameter state in a Map, zeroGrad, and one fused step
// loop that hands each parameter with a gradient to its algorithm's update().
import { convert, dtypeOf, type Storage } from "../dtype";
import { msg } from "../messages";
import { longLivedCopy } from "../kernels/resident";
import type { Tensor } from "../tensor";

/** Base class of SGD and Adam; subclasses implement update(). */
export abstract class Optimizer {
  readonly params: Tensor[];
  // Typed explicitly so the emitted .d.ts names the alias, not TS 5.9's Float64Array<ArrayBufferLike> (tslab's TS 5.0 cannot read that).
  protected readonly state: Map<Tensor, OptimizerState> = new Map();

  constructor(params: Iterable<Tensor>, protected readonly name: string) {
    this.params = [...params];
    if (this.params.length === 0) throw new Error(msg.optimEmpty(name));
    for (const p of this.params) if (!p.requiresGrad || !p.isLeaf) throw new Error(msg.optimNotLeaf(name));
  }

  /** Sets every gradient to null (PyTorch's default set_to_none=True). */
  zeroGrad(): void {
    for (const p of this.params) p.grad = null;
  }

  /** One update of every parameter that has a gradient; parameters whose grad is null are skipped. */
  step(): void {
    for (const p of this.params) {
      const g = p.grad;
      if (g === null) continue;
      if (g.data.length !== p.data.length) throw new Error(msg.optimGradShape(this.name, p.shape, g.shape));
      let s = this.state.get(p);
      if (s === undefined) {
        s = {};
        this.state.set(p, s);
      }
      const dtype = dtypeOf(p.data);
      // State follows its parameter's dtype (after module.float() or .double()), as does the gradient.
      for (const [k, v] of Object.entries(s)) if (typeof v !== "number" && dtypeOf(v) !== dtype) s[k] = longLivedCopy(v, dtype);
      this.update(p.data, dtypeOf(g.data) === dtype ? g.data : convert(g.data, dtype), s);
    }
  }

  /** Updates one parameter's values in place from its gradient and its state. */
  protected abstract update(p: Storage, g: Storage, state: OptimizerState): void;
}

/** Per-parameter state of an optimizer: buffers of the parameter's dtype, and counters. */
export type OptimizerState = Record<string, Storage | number>;

/** Throws PyTorch's message unless `v` is a finite number >= 0 (and < max when given). */
export function checkArg(opt: string, name: string, v: unknown, max = Infinity): number {
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || v >= max) throw new Error(msg.optimArg(opt, name, v));
  return v;
}
