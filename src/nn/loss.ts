// Losses: MSE as a composition of ops, cross-entropy as logSoftmax + nllLoss (PyTorch's split).
import { msg } from "../messages";
import { nllLoss, type Reduction } from "../ops/nll";
import type { Tensor } from "../tensor";
import { Module } from "./module";

export type { Reduction };

/** Returns reduction when it is one of "mean", "sum", "none"; throws naming the loss otherwise. */
function checkReduction(name: string, reduction: Reduction): Reduction {
  if (reduction !== "mean" && reduction !== "sum" && reduction !== "none") throw new Error(msg.reduction(name, reduction));
  return reduction;
}

/** Mean squared error: mean((input − target)²). Shapes must match exactly (no silent broadcasting). */
export function mseLoss(input: Tensor, target: Tensor, reduction: Reduction = "mean"): Tensor {
  if (input.shape.length !== target.shape.length || input.shape.some((d, i) => d !== target.shape[i])) {
    throw new Error(msg.lossShape("MSELoss", input.shape, target.shape));
  }
  const squares = input.sub(target).pow(2);
  if (checkReduction("MSELoss", reduction) === "none") return squares;
  return reduction === "mean" ? squares.mean() : squares.sum();
}

/** Cross-entropy of logits [N, C] (or [C]) against integer class targets [N] (or a number). */
export function crossEntropy(logits: Tensor, target: Tensor | number, reduction: Reduction = "mean"): Tensor {
  const batched = logits.shape.length === 2;
  const tgt = typeof target === "number" ? [target] : target.data;
  const tshape = typeof target === "number" ? [] : target.shape;
  const n = batched ? logits.shape[0] : 1;
  const c = logits.shape[logits.shape.length - 1];
  if (logits.shape.length < 1 || logits.shape.length > 2 || tgt.length !== n || tshape.length !== (batched ? 1 : 0)) {
    throw new Error(msg.crossEntropyShape(logits.shape, tshape));
  }
  const classes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = tgt[i];
    if (!Number.isInteger(k) || k < 0 || k >= c) throw new Error(msg.crossEntropyTarget(k, c));
    classes[i] = k;
  }
  return nllLoss(logits.logSoftmax(-1), classes, checkReduction("CrossEntropyLoss", reduction));
}

/** nn.MSELoss: `new nn.MSELoss().forward(pred, target)`. */
export class MSELoss extends Module {
  readonly reduction: Reduction;
  constructor(options: Reduction | { reduction?: Reduction } = {}) {
    super();
    this.reduction = checkReduction("MSELoss", typeof options === "string" ? options : options.reduction ?? "mean");
  }
  override forward(input: Tensor, target: Tensor): Tensor { return mseLoss(input, target, this.reduction); }
  override extraRepr(): string { return this.reduction === "mean" ? "" : `reduction=${this.reduction}`; }
}

/** nn.CrossEntropyLoss: logits [N, C] and class indices [N]. */
export class CrossEntropyLoss extends Module {
  readonly reduction: Reduction;
  constructor(options: Reduction | { reduction?: Reduction } = {}) {
    super();
    this.reduction = checkReduction("CrossEntropyLoss", typeof options === "string" ? options : options.reduction ?? "mean");
  }
  override forward(input: Tensor, target: Tensor | number): Tensor { return crossEntropy(input, target, this.reduction); }
  override extraRepr(): string { return this.reduction === "mean" ? "" : `reduction=${this.reduction}`; }
}
