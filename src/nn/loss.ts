// Losses as compositions of ops (no backward code of their own): MSE and cross-entropy.
import { msg } from "../messages";
import { Tensor } from "../tensor";
import { Module } from "./module";

/** How a loss reduces over examples. */
export type Reduction = "mean" | "sum" | "none";

function reduce(name: string, t: Tensor, reduction: Reduction): Tensor {
  if (reduction === "mean") return t.mean();
  if (reduction === "sum") return t.sum();
  if (reduction === "none") return t;
  throw new Error(msg.reduction(name, reduction));
}

/** Mean squared error: mean((input − target)²). Shapes must match exactly (no silent broadcasting). */
export function mseLoss(input: Tensor, target: Tensor, reduction: Reduction = "mean"): Tensor {
  if (input.shape.length !== target.shape.length || input.shape.some((d, i) => d !== target.shape[i])) {
    throw new Error(msg.lossShape("MSELoss", input.shape, target.shape));
  }
  return reduce("MSELoss", input.sub(target).pow(2), reduction);
}

/** Cross-entropy of logits [N, C] (or [C]) against integer class targets [N] (or a number). */
export function crossEntropy(logits: Tensor, target: Tensor | number, reduction: Reduction = "mean"): Tensor {
  const batched = logits.shape.length === 2;
  const tgt = typeof target === "number" ? [target] : Array.from(target.data);
  const tshape = typeof target === "number" ? [] : target.shape;
  const n = batched ? logits.shape[0] : 1;
  const c = logits.shape[logits.shape.length - 1];
  if (logits.shape.length < 1 || logits.shape.length > 2 || tgt.length !== n || tshape.length !== (batched ? 1 : 0)) {
    throw new Error(msg.crossEntropyShape(logits.shape, tshape));
  }
  const oneHot = new Float64Array(n * c);
  tgt.forEach((k, i) => {
    if (!Number.isInteger(k) || k < 0 || k >= c) throw new Error(msg.crossEntropyTarget(k, c));
    oneHot[i * c + k] = 1;
  });
  const picked = logits.logSoftmax(-1).mul(new Tensor(oneHot, logits.shape)).sum(-1).neg();
  return reduce("CrossEntropyLoss", picked, reduction);
}

/** nn.MSELoss: `new nn.MSELoss().forward(pred, target)`. */
export class MSELoss extends Module {
  readonly reduction: Reduction;
  constructor(options: Reduction | { reduction?: Reduction } = {}) {
    super();
    this.reduction = typeof options === "string" ? options : options.reduction ?? "mean";
    reduce("MSELoss", new Tensor(new Float64Array(1), []), this.reduction);
  }
  override forward(input: Tensor, target: Tensor): Tensor { return mseLoss(input, target, this.reduction); }
  override extraRepr(): string { return this.reduction === "mean" ? "" : `reduction=${this.reduction}`; }
}

/** nn.CrossEntropyLoss: logits [N, C] and class indices [N]. */
export class CrossEntropyLoss extends Module {
  readonly reduction: Reduction;
  constructor(options: Reduction | { reduction?: Reduction } = {}) {
    super();
    this.reduction = typeof options === "string" ? options : options.reduction ?? "mean";
    reduce("CrossEntropyLoss", new Tensor(new Float64Array(1), []), this.reduction);
  }
  override forward(input: Tensor, target: Tensor): Tensor { return crossEntropy(input, target, this.reduction); }
  override extraRepr(): string { return this.reduction === "mean" ? "" : `reduction=${this.reduction}`; }
}
