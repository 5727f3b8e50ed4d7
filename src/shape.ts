// Shape arithmetic shared by the tensor layer and the ops: sizes, strides, broadcasting, axes.
import { msg } from "./messages";

export type Shape = readonly number[];
/** A shape given as one array or as separate numbers, as PyTorch accepts both. */
export type ShapeArgs = [Shape] | number[];

/** Number of elements of a shape. */
export function numel(shape: Shape): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i];
  return n;
}

/** Reads `reshape([2, 3])` and `reshape(2, 3)` alike and checks every size. */
export function parseShape(op: string, args: ShapeArgs | readonly (number | Shape)[], allowInfer = false): number[] {
  const raw = args.length === 1 && Array.isArray(args[0]) ? (args[0] as Shape) : (args as readonly unknown[]);
  const shape: number[] = [];
  for (const d of raw) {
    if (typeof d !== "number" || !Number.isInteger(d) || (d < 0 && !(allowInfer && d === -1))) throw new Error(msg.badShape(op, raw));
    shape.push(d);
  }
  return shape;
}

/** Row-major strides. */
export function stridesOf(shape: Shape): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i];
  }
  return s;
}

export function sameShape(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Numpy broadcasting of two shapes; throws naming the op when they do not broadcast. */
export function broadcastShapes(op: string, a: Shape, b: Shape): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) throw new Error(msg.broadcast(op, a, b));
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** Normalises a possibly negative dimension index. */
export function normDim(op: string, dim: number, ndim: number): number {
  const n = Math.max(ndim, 1);
  if (!Number.isInteger(dim) || dim < -n || dim >= n) throw new Error(msg.dim(op, dim, ndim));
  return dim < 0 ? dim + n : dim;
}

/** The sizes before, along and after one axis: the view every single-axis kernel uses. */
export function splitAt(shape: Shape, axis: number): { outer: number; size: number; inner: number } {
  let outer = 1;
  let inner = 1;
  for (let i = 0; i < axis; i++) outer *= shape[i];
  for (let i = axis + 1; i < shape.length; i++) inner *= shape[i];
  return { outer, size: shape[axis] ?? 1, inner };
}
