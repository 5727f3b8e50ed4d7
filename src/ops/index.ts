// The tensor layer: free functions students call (also the Tensor methods). Numbers are
// accepted wherever a tensor is; broadcasting (via expand) and dtype promotion (via cast) happen
// here and only here; sub, div, mean, min, softmax, sqrt are compositions with no backward code
// of their own.
import { getDefaultDtype, resultDtype, type DType } from "../dtype";
import { msg } from "../messages";
import { broadcastShapes, normDim, numel, parseShape, sameShape, type Shape } from "../shape";
import { Tensor } from "../tensor";
import { addSame, mulSame } from "./binary";
import { cast } from "./cast";
import { gatherRows, expandTo, permuteDims, reshapeTo } from "./movement";
import { linear2d, matmul2d } from "./matmul";
import { maxAxes, sumAxes } from "./reduce";
import { logSoftmaxAxis } from "./softmax";
import * as unary from "./unary";

export type TensorLike = Tensor | number;

export { cast };

/** Wraps a number as a 0-d tensor (of the default dtype, or `dtype`); rejects anything that is neither. */
export function asTensor(op: string, v: TensorLike, dtype: DType = getDefaultDtype()): Tensor {
  if (v instanceof Tensor) return v;
  if (typeof v === "number") return new Tensor(dtype === "float32" ? new Float32Array([v]) : new Float64Array([v]), [], null);
  throw new Error(msg.notTensor(op, v));
}

function binary(op: string, a: TensorLike, b: TensorLike, prim: (x: Tensor, y: Tensor) => Tensor): Tensor {
  // A number takes the other operand's dtype: numbers never promote, as in PyTorch.
  let x = asTensor(op, a, b instanceof Tensor ? b.dtype : undefined), y = asTensor(op, b, x.dtype);
  if (x.data.constructor !== y.data.constructor) {
    const dtype = resultDtype(x.dtype, x.ndim, y.dtype, y.ndim);
    x = x.to(dtype);
    y = y.to(dtype);
  }
  if (sameShape(x.shape, y.shape)) return prim(x, y);
  const shape = broadcastShapes(op, x.shape, y.shape);
  return prim(expandTo(x, shape), expandTo(y, shape));
}

/**
 * a + b with broadcasting.
 * @example add(tensor([[1], [2]]), tensor([10, 20])) // [[11, 21], [12, 22]]
 */
export const add = (a: TensorLike, b: TensorLike): Tensor => binary("add", a, b, addSame);
/** a * b with broadcasting. */
export const mul = (a: TensorLike, b: TensorLike): Tensor => binary("mul", a, b, mulSame);
/** a - b with broadcasting. */
export const sub = (a: TensorLike, b: TensorLike): Tensor =>
  typeof b === "number" ? add(a, -b) : binary("sub", a, b, (x, y) => addSame(x, unary.neg(y)));
/** a / b with broadcasting. */
export const div = (a: TensorLike, b: TensorLike): Tensor =>
  typeof b === "number" ? mul(a, 1 / b) : binary("div", a, b, (x, y) => mulSame(x, unary.reciprocal(y)));
/**
 * a ** b; a constant exponent is one op, a tensor exponent is exp(b·log a).
 * @example pow(tensor([2, 3]), 2) // [4, 9]
 */
export function pow(a: TensorLike, b: TensorLike): Tensor {
  if (typeof b === "number") return unary.powScalar(asTensor("pow", a), b);
  return unary.exp(mul(b, unary.log(asTensor("pow", a))));
}

export const neg = (x: TensorLike): Tensor => unary.neg(asTensor("neg", x));
export const exp = (x: TensorLike): Tensor => unary.exp(asTensor("exp", x));
export const log = (x: TensorLike): Tensor => unary.log(asTensor("log", x));
export const sin = (x: TensorLike): Tensor => unary.sin(asTensor("sin", x));
export const cos = (x: TensorLike): Tensor => unary.cos(asTensor("cos", x));
export const tanh = (x: TensorLike): Tensor => unary.tanh(asTensor("tanh", x));
export const sigmoid = (x: TensorLike): Tensor => unary.sigmoid(asTensor("sigmoid", x));
export const relu = (x: TensorLike): Tensor => unary.relu(asTensor("relu", x));
export const abs = (x: TensorLike): Tensor => unary.abs(asTensor("abs", x));
export const sqrt = (x: TensorLike): Tensor => unary.powScalar(asTensor("sqrt", x), 0.5);

/** Axes from a dim argument: undefined means all. */
function axesOf(op: string, x: Tensor, dim: number | readonly number[] | undefined): number[] {
  if (dim === undefined) return x.shape.map((_, i) => i);
  const dims = typeof dim === "number" ? [dim] : dim;
  return [...new Set(dims.map((d) => normDim(op, d, x.shape.length)))].sort((p, q) => p - q);
}

function reducedShape(x: Tensor, axes: readonly number[], keepdim: boolean): number[] {
  return keepdim ? x.shape.map((d, i) => (axes.includes(i) ? 1 : d)) : x.shape.filter((_, i) => !axes.includes(i));
}

/**
 * Sum over all elements, or over `dim` (a number or list), keeping reduced dims when keepdim.
 * @example sum(tensor([[1, 2], [3, 4]]), 0) // [4, 6]
 */
export function sum(x: TensorLike, dim?: number | readonly number[], keepdim = false): Tensor {
  const t = asTensor("sum", x);
  const axes = axesOf("sum", t, dim);
  return sumAxes(t, axes, reducedShape(t, axes, keepdim));
}

/**
 * Mean over all elements or over `dim`.
 * @example mean(tensor([[1, 2], [3, 4]]), 1, true) // [[1.5], [3.5]]
 */
export function mean(x: TensorLike, dim?: number | readonly number[], keepdim = false): Tensor {
  const t = asTensor("mean", x);
  const axes = axesOf("mean", t, dim);
  const count = axes.reduce((n, a) => n * t.shape[a], 1);
  return mul(sum(t, dim, keepdim), 1 / count);
}

/**
 * Maximum values over all elements or over `dim` (PyTorch's max(dim).values).
 * @example max(tensor([[1, 5], [7, 2]]), 1) // [5, 7]
 */
export function max(x: TensorLike, dim?: number, keepdim = false): Tensor {
  const t = asTensor("max", x);
  if (t.numel() === 0) throw new Error(msg.badShape("max of an empty tensor", t.shape));
  const axes = axesOf("max", t, dim);
  return maxAxes(t, axes, reducedShape(t, axes, keepdim));
}

/** Minimum values over all elements or over `dim`. */
export const min = (x: TensorLike, dim?: number, keepdim = false): Tensor => neg(max(neg(x), dim, keepdim));

/**
 * New shape for the same values; one dimension may be -1 (inferred).
 * @example reshape(arange(6), 2, -1).shape // [2, 3]
 */
export function reshape(x: TensorLike, ...shape: number[] | [Shape]): Tensor {
  const t = asTensor("reshape", x);
  const s = parseShape("reshape", shape, true);
  const infer = s.indexOf(-1);
  if (infer !== s.lastIndexOf(-1)) throw new Error(msg.reshapeInfer(s));
  if (infer >= 0) {
    const rest = numel(s.filter((d) => d !== -1));
    if (rest === 0 || t.numel() % rest !== 0) throw new Error(msg.reshape(t.shape, s));
    s[infer] = t.numel() / rest;
  }
  if (numel(s) !== t.numel()) throw new Error(msg.reshape(t.shape, s));
  return reshapeTo(t, s);
}

/** Broadcasts to a larger shape (-1 keeps a dimension). */
export function expand(x: TensorLike, ...shape: number[] | [Shape]): Tensor {
  const t = asTensor("expand", x);
  const s = parseShape("expand", shape, true);
  const off = s.length - t.shape.length;
  return expandTo(t, s.map((d, i) => (d === -1 ? t.shape[i - off] : d)));
}

/** Reorders dimensions: out dimension i is input dimension dims[i]. */
export function permute(x: TensorLike, ...dims: number[] | [Shape]): Tensor {
  const t = asTensor("permute", x);
  const d = parseShape("permute", dims.map((v) => (typeof v === "number" && v < 0 ? v + t.shape.length : v)) as number[]);
  if (d.length !== t.shape.length || new Set(d).size !== d.length || d.some((v) => v >= d.length)) throw new Error(msg.permute(d, t.shape.length));
  return permuteDims(t, d);
}

/** Swaps two dimensions (defaults: the last two, so transpose(m) of a matrix is mᵀ). */
export function transpose(x: TensorLike, dim0 = -2, dim1 = -1): Tensor {
  const t = asTensor("transpose", x);
  if (t.shape.length < 2) return t;
  const n = t.shape.length, a = normDim("transpose", dim0, n), b = normDim("transpose", dim1, n);
  const dims = t.shape.map((_, i) => (i === a ? b : i === b ? a : i));
  return permuteDims(t, dims);
}

/** Removes dimensions of size 1 (all of them, or just `dim`). */
export function squeeze(x: TensorLike, dim?: number): Tensor {
  const t = asTensor("squeeze", x);
  if (dim === undefined) return reshapeTo(t, t.shape.filter((d) => d !== 1));
  const a = normDim("squeeze", dim, t.shape.length);
  return t.shape[a] === 1 ? reshapeTo(t, t.shape.filter((_, i) => i !== a)) : t;
}

/** Inserts a dimension of size 1 at `dim`. */
export function unsqueeze(x: TensorLike, dim: number): Tensor {
  const t = asTensor("unsqueeze", x);
  const a = normDim("unsqueeze", dim, t.shape.length + 1);
  const s = [...t.shape];
  s.splice(a, 0, 1);
  return reshapeTo(t, s);
}

/**
 * Matrix product with PyTorch's rules for 1-D and 2-D operands.
 * @example matmul(tensor([[1, 2]]), tensor([3, 4])) // [11]
 */
export function matmul(a: TensorLike, b: TensorLike): Tensor {
  const x = asTensor("matmul", a), y = asTensor("matmul", b);
  const [ra, rb] = [x.shape.length, y.shape.length];
  if (ra === 0 || rb === 0 || ra > 2 || rb > 2) throw new Error(msg.matmulRank(x.shape, y.shape));
  if (x.shape[ra - 1] !== y.shape[0]) throw new Error(msg.matmulAlign(x.shape, y.shape));
  if (x.dtype !== y.dtype) throw new Error(msg.dtypeMismatch("matmul", x.dtype, y.dtype, "convert one of them with .float() or .double()"));
  const x2 = ra === 1 ? reshapeTo(x, [1, x.shape[0]]) : x;
  const y2 = rb === 1 ? reshapeTo(y, [y.shape[0], 1]) : y;
  const out = matmul2d(x2, y2);
  if (ra === 1 && rb === 1) return reshapeTo(out, []);
  if (ra === 1) return reshapeTo(out, [y.shape[1]]);
  if (rb === 1) return reshapeTo(out, [x.shape[0]]);
  return out;
}

/** x·Wᵀ + b, as nn.Linear computes it; x may be [in] or [N, in]. */
export function linear(x: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  const inF = weight.shape[1];
  if (x.shape.length === 0 || x.shape.length > 2 || x.shape[x.shape.length - 1] !== inF) throw new Error(msg.linearShape(x.shape, weight.shape));
  if (x.dtype !== weight.dtype || (bias !== null && bias.dtype !== weight.dtype)) throw new Error(msg.linearDtype(x.dtype, weight.dtype));
  if (x.shape.length === 1) return reshapeTo(linear2d(reshapeTo(x, [1, inF]), weight, bias), [weight.shape[0]]);
  return linear2d(x, weight, bias);
}

/** log(softmax(x)) along dim (default last). */
export const logSoftmax = (x: TensorLike, dim = -1): Tensor => {
  const t = asTensor("logSoftmax", x);
  return logSoftmaxAxis(t, normDim("logSoftmax", dim, t.shape.length));
};
/**
 * softmax along dim (default last).
 * @example softmax(tensor([0, 0])) // [0.5, 0.5]
 */
export const softmax = (x: TensorLike, dim = -1): Tensor => exp(logSoftmax(x, dim));

function rowIndex(i: number, size: number): number {
  if (!Number.isInteger(i)) throw new Error(msg.notIndex(i));
  if (i < -size || i >= size) throw new Error(msg.index(i, size));
  return i < 0 ? i + size : i;
}

/** x[i] (drops the first dimension) or x[[i, j, …]] (keeps it), like PyTorch indexing. */
export function index(x: Tensor, i: number | readonly number[] | Tensor): Tensor {
  const size = x.shape[0];
  if (x.shape.length === 0) throw new Error(msg.dim("index", 0, 0));
  if (typeof i === "number") return reshapeTo(gatherRows(x, [rowIndex(i, size)]), x.shape.slice(1));
  const list = i instanceof Tensor ? Array.from(i.data) : i;
  return gatherRows(x, list.map((r) => rowIndex(r, size)));
}

/** Rows start..end (exclusive) with a step, like x[start:end:step]; negative bounds count from the end. */
export function slice(x: Tensor, start = 0, end?: number, step = 1): Tensor {
  if (x.shape.length === 0) throw new Error(msg.dim("slice", 0, 0));
  if (!Number.isInteger(step) || step <= 0) throw new Error(msg.notScalarArg("slice", "step (a positive whole number)", step));
  const size = x.shape[0];
  const clamp = (v: number) => Math.min(Math.max(v < 0 ? v + size : v, 0), size);
  const rows: number[] = [];
  for (let r = clamp(start), e = clamp(end ?? size); r < e; r += step) rows.push(r);
  return gatherRows(x, rows);
}
