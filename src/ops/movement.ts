// Movement primitives: reshape (shares storage), expand (the one place broadcasting happens),
// permute, and row gathering (indexing and slicing along the first dimension).
import type { Storage } from "../dtype";
import { allocLike } from "../storage";
import { OpFn } from "../autograd/function";
import { msg } from "../messages";
import { numel, sameShape, stridesOf, type Shape } from "../shape";
import { Tensor } from "../tensor";

class ReshapeFn extends OpFn {
  readonly name = "reshape";
  forward(x: Tensor, shape: Shape) { return new Tensor(x.data, shape); }
  backward(g: Storage) { return [g]; }
}
/** Same values, new shape; storage is shared, as a PyTorch view of a contiguous tensor. */
export const reshapeTo = (x: Tensor, shape: Shape): Tensor => ReshapeFn.apply(x, shape);

/** Strides that read `from` as if it had shape `to`: 0 along broadcast (new or size-1) axes. */
function broadcastStrides(from: Shape, to: Shape): number[] {
  const off = to.length - from.length, src = stridesOf(from);
  return to.map((_, d) => (d < off || from[d - off] === 1 ? 0 : src[d - off]));
}

/** Copies `data` of shape `from` into a new array of the broadcast shape `to` (from has to.length dims or fewer). */
export function broadcastInto(data: Storage, from: Shape, to: Shape): Storage {
  const n = numel(to);
  const out = allocLike(data, n);
  if (data.length === 1) return out.fill(data[0]);
  const nd = to.length, strides = broadcastStrides(from, to);
  const inner = to[nd - 1], innerStride = strides[nd - 1];
  const idx = new Array<number>(nd).fill(0);
  let base = 0;
  for (let o = 0; o < n; o += inner) {
    for (let j = 0; j < inner; j++) out[o + j] = data[base + j * innerStride];
    for (let d = nd - 2; d >= 0; d--) {
      idx[d]++;
      base += strides[d];
      if (idx[d] < to[d]) break;
      base -= strides[d] * to[d];
      idx[d] = 0;
    }
  }
  return out;
}

/** Sums g (of shape `to`) over the axes that were broadcast from `from`. */
function reduceTo(g: Storage, from: Shape, to: Shape): Storage {
  const out = allocLike(g, numel(from));
  if (out.length === 1) {
    let s = 0;
    for (let i = 0; i < g.length; i++) s += g[i];
    out[0] = s;
    return out;
  }
  const nd = to.length, strides = broadcastStrides(from, to);
  const idx = new Array<number>(nd).fill(0);
  let base = 0;
  for (let i = 0; i < g.length; i++) {
    out[base] += g[i];
    for (let d = nd - 1; d >= 0; d--) {
      idx[d]++;
      base += strides[d];
      if (idx[d] < to[d]) break;
      base -= strides[d] * to[d];
      idx[d] = 0;
    }
  }
  return out;
}

class ExpandFn extends OpFn {
  readonly name = "expand";
  forward(x: Tensor, to: Shape) { return new Tensor(broadcastInto(x.data, x.shape, to), to); }
  backward(g: Storage) { return [reduceTo(g, this.inputs[0].shape, this.outShape)]; }
}
/** Broadcasts x to `shape` (size-1 or missing leading dimensions grow); materialised. */
export function expandTo(x: Tensor, shape: Shape): Tensor {
  const off = shape.length - x.shape.length;
  if (off < 0) throw new Error(msg.expand(x.shape, shape));
  for (let d = 0; d < x.shape.length; d++) {
    if (x.shape[d] !== 1 && x.shape[d] !== shape[d + off]) throw new Error(msg.expand(x.shape, shape));
  }
  if (sameShape(x.shape, shape)) return x;
  return ExpandFn.apply(x, shape);
}

/** Copies data of `shape` into the order given by `dims` (out dim i = in dim dims[i]). */
function permuteData(data: Storage, shape: Shape, dims: readonly number[]): Storage {
  const nd = shape.length;
  const inStrides = stridesOf(shape);
  const outShape = dims.map((d) => shape[d]);
  const strides = dims.map((d) => inStrides[d]);
  const out = allocLike(data);
  if (nd === 2) {
    const [r, c] = outShape, [s0, s1] = strides;
    for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[i * c + j] = data[i * s0 + j * s1];
    return out;
  }
  const idx = new Array<number>(nd).fill(0);
  let base = 0;
  for (let o = 0; o < out.length; o++) {
    out[o] = data[base];
    for (let d = nd - 1; d >= 0; d--) {
      idx[d]++;
      base += strides[d];
      if (idx[d] < outShape[d]) break;
      base -= strides[d] * outShape[d];
      idx[d] = 0;
    }
  }
  return out;
}

class PermuteFn extends OpFn {
  readonly name = "permute";
  private dims: readonly number[] = [];
  forward(x: Tensor, dims: readonly number[]) {
    this.dims = dims;
    return new Tensor(permuteData(x.data, x.shape, dims), dims.map((d) => x.shape[d]));
  }
  backward(g: Storage) {
    const inverse = new Array<number>(this.dims.length);
    this.dims.forEach((d, i) => (inverse[d] = i));
    return [permuteData(g, this.outShape, inverse)];
  }
}
/** Reorders dimensions (validated by the caller); materialised. */
export const permuteDims = (x: Tensor, dims: readonly number[]): Tensor => PermuteFn.apply(x, dims);

class GatherRowsFn extends OpFn {
  readonly name = "index";
  private rows: readonly number[] = [];
  forward(x: Tensor, rows: readonly number[]) {
    this.rows = rows;
    const row = x.shape[0] === 0 ? 0 : x.data.length / x.shape[0];
    const out = allocLike(x.data, rows.length * row);
    rows.forEach((r, k) => out.set(x.data.subarray(r * row, (r + 1) * row), k * row));
    return new Tensor(out, [rows.length, ...x.shape.slice(1)]);
  }
  backward(g: Storage) {
    const x = this.inputs[0], row = x.data.length / x.shape[0];
    const dx = allocLike(g, x.data.length);
    this.rows.forEach((r, k) => {
      for (let j = 0; j < row; j++) dx[r * row + j] += g[k * row + j];
    });
    return [dx];
  }
}
/** Rows `rows` (already normalised) of x along dim 0, as a tensor of shape [rows.length, ...]. */
export const gatherRows = (x: Tensor, rows: readonly number[]): Tensor => GatherRowsFn.apply(x, rows);
