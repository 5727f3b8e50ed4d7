// The Tensor: float64 or float32 storage, a shape, and the autograd fields. Ops live in src/ops; the
// methods here are one-line delegations so `x.mul(y)` and `mul(x, y)` are the same thing.
import { runBackward } from "./autograd/engine";
import type { Fn } from "./autograd/function";
import { isGradEnabled, noGrad } from "./autograd/function";
import { checkDtype, copyOf, dtypeOf, type DType, type Storage } from "./dtype";
import { formatTensor, tensorHtml } from "./format";
import { msg } from "./messages";
import * as ops from "./ops/index";
import type { TensorLike } from "./ops/index";
import { numel, sameShape, type Shape } from "./shape";
import { adoptGrad } from "./storage";

/** Nested arrays of numbers, as tensor() accepts them. */
export type NestedArray = number | NestedArray[];

/**
 * What toArray() returns: index it as deep as the tensor has dimensions, without casts. For a 1-D
 * tensor `t.toArray()[0]` is a number, for a 2-D one `m.toArray()[0]` is a row (a `number[]`) and
 * `m.toArray()[0][1]` a number. A tensor's type does not say its rank, so every level is both.
 */
export type NestedNumbers = number & NestedNumbersArray;
/** An array level of NestedNumbers. */
export interface NestedNumbersArray extends Array<NestedNumbers> {}

/** An n-dimensional float64 or float32 array that can record the operations applied to it. */
export class Tensor {
  /** The gradient accumulated by backward(); null until then and after zeroGrad(). */
  grad: Tensor | null = null;
  /** Optional label, shown by plot.graph and toString. */
  name: string | undefined = undefined;
  /** @internal gradient flowing through a backward pass. */
  _g: Storage | null = null;
  /** @internal visit mark of the engine's topological sort. */
  _visit = 0;
  /** @internal set by retainGrad(). */
  _retainsGrad = false;
  readonly requiresGrad: boolean;
  /** The op that produced this tensor, or null for a leaf. */
  readonly gradFn: Fn | null;

  constructor(
    /** The values, row-major (a Float32Array for float32). Shared with reshaped views. */
    readonly data: Storage,
    readonly shape: Shape,
    gradFn: Fn | null = null,
    requiresGrad = gradFn !== null,
  ) {
    this.gradFn = gradFn;
    this.requiresGrad = requiresGrad;
  }

  /** @internal Fn.apply makes this result the output of a recorded node. */
  _record(fn: Fn): void {
    (this as { gradFn: Fn | null }).gradFn = fn;
    (this as { requiresGrad: boolean }).requiresGrad = true;
  }

  /** "float64" or "float32", as PyTorch's dtype. */
  get dtype(): DType { return dtypeOf(this.data); }
  /** This tensor in float32 (itself when it already is), differentiable as PyTorch's .float(). */
  float(): Tensor { return this.to("float32"); }
  /** This tensor in float64 (itself when it already is), as PyTorch's .double(). */
  double(): Tensor { return this.to("float64"); }
  /** This tensor in the given dtype; itself when it already has it. */
  to(dtype: DType): Tensor { return checkDtype("to", dtype) === this.dtype ? this : ops.cast(this, dtype); }

  /** True for tensors made by the user rather than by an op that recorded a graph. */
  get isLeaf(): boolean { return this.gradFn === null; }
  /** Number of dimensions. */
  get ndim(): number { return this.shape.length; }
  /** Transpose of a matrix (all dimensions reversed, as PyTorch's .T). */
  get T(): Tensor { return this.shape.length < 2 ? this : this.permute(this.shape.map((_, i) => this.shape.length - 1 - i)); }

  numel(): number { return numel(this.shape); }
  /** Size of one dimension, or the whole shape. */
  size(): number[];
  size(dim: number): number;
  size(dim?: number): number | number[] {
    return dim === undefined ? [...this.shape] : this.shape[dim < 0 ? dim + this.shape.length : dim];
  }
  /** The single value of a one-element tensor. */
  item(): number {
    if (this.data.length !== 1) throw new Error(msg.itemNotScalar(this.shape));
    return this.data[0];
  }
  /** The values as (nested) arrays, as PyTorch's tolist(); a 0-d tensor gives a number. */
  toArray(): NestedNumbers {
    const build = (dim: number, offset: number): NestedArray => {
      if (dim === this.shape.length) return this.data[offset];
      const stride = numel(this.shape.slice(dim + 1));
      return Array.from({ length: this.shape[dim] }, (_, i) => build(dim + 1, offset + i * stride));
    };
    return build(0, 0) as NestedNumbers;
  }
  /** A tensor sharing the values but cut from the graph. */
  detach(): Tensor { return new Tensor(this.data, this.shape); }
  /** A copy of the values (keeps the graph, like PyTorch's clone). */
  clone(): Tensor { return this.requiresGrad ? ops.mul(this, 1) : new Tensor(copyOf(this.data), this.shape); }
  /** Keep .grad of this non-leaf tensor after backward(). */
  retainGrad(): this { this._retainsGrad = true; return this; }
  /** Sets requiresGrad on a leaf (PyTorch's requires_grad_()). */
  requiresGrad_(flag = true): this {
    (this as { requiresGrad: boolean }).requiresGrad = flag;
    return this;
  }

  /** Computes d(this)/d(leaf) for every leaf that requires grad and adds it to leaf.grad. */
  backward(gradient?: TensorLike, options: { retainGraph?: boolean } = {}): void {
    if (!this.requiresGrad) throw new Error(msg.backwardNoGrad());
    let g: Storage;
    if (gradient === undefined) {
      if (this.data.length !== 1) throw new Error(msg.backwardNonScalar(this.shape));
      g = this.dtype === "float32" ? new Float32Array([1]) : new Float64Array([1]);
    } else {
      const gt = ops.asTensor("backward", gradient).to(this.dtype);
      if (!sameShape(gt.shape, this.shape) && !(gt.data.length === 1 && this.data.length === 1)) throw new Error(msg.backwardGradShape(gt.shape, this.shape));
      g = gt.data;
    }
    runBackward(this, g, options.retainGraph ?? false, accumulateGrad);
  }

  /** Fills the values in place (allowed on leaves only inside noGrad, or without grad). */
  copy_(src: TensorLike): this {
    if (this.requiresGrad && isGradEnabled()) throw new Error(msg.inPlaceLeaf());
    const s = ops.asTensor("copy_", src);
    const v = sameShape(s.shape, this.shape) ? s.data : ops.expand(s, this.shape).data;
    this.data.set(v);
    return this;
  }

  add(o: TensorLike): Tensor { return ops.add(this, o); }
  sub(o: TensorLike): Tensor { return ops.sub(this, o); }
  mul(o: TensorLike): Tensor { return ops.mul(this, o); }
  div(o: TensorLike): Tensor { return ops.div(this, o); }
  pow(o: TensorLike): Tensor { return ops.pow(this, o); }
  neg(): Tensor { return ops.neg(this); }
  exp(): Tensor { return ops.exp(this); }
  log(): Tensor { return ops.log(this); }
  sin(): Tensor { return ops.sin(this); }
  cos(): Tensor { return ops.cos(this); }
  tanh(): Tensor { return ops.tanh(this); }
  sigmoid(): Tensor { return ops.sigmoid(this); }
  relu(): Tensor { return ops.relu(this); }
  abs(): Tensor { return ops.abs(this); }
  sqrt(): Tensor { return ops.sqrt(this); }
  matmul(o: TensorLike): Tensor { return ops.matmul(this, o); }
  sum(dim?: number | readonly number[], keepdim = false): Tensor { return ops.sum(this, dim, keepdim); }
  mean(dim?: number | readonly number[], keepdim = false): Tensor { return ops.mean(this, dim, keepdim); }
  max(dim?: number, keepdim = false): Tensor { return ops.max(this, dim, keepdim); }
  min(dim?: number, keepdim = false): Tensor { return ops.min(this, dim, keepdim); }
  reshape(...shape: number[] | [Shape]): Tensor { return ops.reshape(this, ...shape); }
  view(...shape: number[] | [Shape]): Tensor { return ops.reshape(this, ...shape); }
  expand(...shape: number[] | [Shape]): Tensor { return ops.expand(this, ...shape); }
  permute(...dims: number[] | [Shape]): Tensor { return ops.permute(this, ...dims); }
  transpose(dim0 = -2, dim1 = -1): Tensor { return ops.transpose(this, dim0, dim1); }
  squeeze(dim?: number): Tensor { return ops.squeeze(this, dim); }
  unsqueeze(dim: number): Tensor { return ops.unsqueeze(this, dim); }
  flatten(): Tensor { return ops.reshape(this, [this.numel()]); }
  softmax(dim = -1): Tensor { return ops.softmax(this, dim); }
  logSoftmax(dim = -1): Tensor { return ops.logSoftmax(this, dim); }
  /** Row i (first dimension dropped) or rows at a list of indices. */
  index(i: number | readonly number[] | Tensor): Tensor { return ops.index(this, i); }
  /** Rows start..end (exclusive), like x[start:end:step]. */
  slice(start?: number, end?: number, step?: number): Tensor { return ops.slice(this, start, end, step); }
  /** Index of the largest value (over all elements, or along dim), as a tensor of whole numbers. */
  argmax(dim?: number): Tensor { return noGrad(() => argmaxOf(this, dim)); }

  toString(): string { return formatTensor(this); }
  /** Rich display for Jupyter (Deno's and gradlab's kernel convention). */
  [Symbol.for("Jupyter.display")](): Record<string, string> {
    return { "text/plain": this.toString(), "text/html": tensorHtml(this) };
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string { return this.toString(); }
}

/** The engine's sink: adds a finished gradient into a leaf's (or retained tensor's) .grad. */
function accumulateGrad(t: Tensor, g: Storage): void {
  // A copy, never g itself: g lives in the backward pass's scratch (see runBackward), unless its
  // op made it to be kept (src/storage.ts: allocGradToKeep).
  if (t.grad === null) t.grad = new Tensor(adoptGrad(g) ? g : copyOf(g), t.shape);
  else {
    const d = t.grad.data;
    for (let i = 0; i < d.length; i++) d[i] += g[i];
  }
}

function argmaxOf(x: Tensor, dim?: number): Tensor {
  const flat = dim === undefined;
  const t = flat ? x.reshape(x.numel()) : x;
  const d = flat ? 0 : dim < 0 ? dim + t.ndim : dim;
  const order = [...t.shape.keys()].filter((i) => i !== d).concat(d);
  const moved = d === t.ndim - 1 ? t : t.permute(order);
  const size = moved.shape[moved.ndim - 1];
  const rows = moved.numel() / size;
  const out = new Float64Array(rows); // whole numbers: float64 whatever x's dtype (PyTorch: int64)
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let j = 1; j < size; j++) if (moved.data[r * size + j] > moved.data[r * size + best]) best = j;
    out[r] = best;
  }
  return new Tensor(out, moved.shape.slice(0, -1));
}
