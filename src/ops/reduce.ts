// Reductions: sum and max over any set of axes. mean and min are compositions (ops/index.ts).
import type { Storage } from "../dtype";
import { allocLike } from "../storage";
import { OpFn } from "../autograd/function";
import { numel, type Shape } from "../shape";
import { Tensor } from "../tensor";
import { broadcastInto } from "./movement";

/** Output shape with reduced axes kept as 1 (the shape backward broadcasts from). */
function keptShape(shape: Shape, axes: readonly number[]): number[] {
  return shape.map((d, i) => (axes.includes(i) ? 1 : d));
}

/**
 * Calls visit(inIndex, outIndex) for every element, where outIndex is the element's position
 * in the reduced (kept) shape. Plain odometer over the input: fine for the small ranks here.
 */
function forEachReduced(shape: Shape, axes: readonly number[], visit: (i: number, o: number) => void): void {
  const nd = shape.length, n = numel(shape);
  const outStrides = new Array<number>(nd);
  let acc = 1;
  for (let d = nd - 1; d >= 0; d--) {
    outStrides[d] = axes.includes(d) ? 0 : acc;
    if (!axes.includes(d)) acc *= shape[d];
  }
  const idx = new Array<number>(nd).fill(0);
  let o = 0;
  for (let i = 0; i < n; i++) {
    visit(i, o);
    for (let d = nd - 1; d >= 0; d--) {
      idx[d]++;
      o += outStrides[d];
      if (idx[d] < shape[d]) break;
      o -= outStrides[d] * shape[d];
      idx[d] = 0;
    }
  }
}

class SumFn extends OpFn {
  readonly name = "sum";
  private kept: number[] = [];
  forward(x: Tensor, axes: readonly number[], outShape: Shape) {
    const a = x.data;
    const all = axes.length === 0 || axes.length === x.shape.length;
    const kept = (this.kept = all ? x.shape.map(() => 1) : keptShape(x.shape, axes));
    const out = allocLike(a, numel(kept));
    if (all) {
      let s = 0;
      for (let i = 0; i < a.length; i++) s += a[i];
      out[0] = s;
    } else if (out instanceof Float32Array) {
      // Sums in double, rounded once, as the all-axes case (float32 partial sums would each round).
      const acc = new Float64Array(out.length);
      forEachReduced(x.shape, axes, (i, o) => { acc[o] += a[i]; });
      out.set(acc);
    } else {
      forEachReduced(x.shape, axes, (i, o) => { out[o] += a[i]; });
    }
    return new Tensor(out, outShape);
  }
  backward(g: Storage) {
    return [broadcastInto(g, this.kept, this.inputs[0].shape)];
  }
}

/** Sum over the given axes (all when axes is empty); outShape is the caller's final shape. */
export const sumAxes = (x: Tensor, axes: readonly number[], outShape: Shape): Tensor => SumFn.apply(x, axes, outShape);

class MaxFn extends OpFn {
  readonly name = "max";
  private argmax: Int32Array = new Int32Array(0);
  forward(x: Tensor, axes: readonly number[], outShape: Shape) {
    const a = x.data;
    const kept = axes.length === 0 ? x.shape.map(() => 1) : keptShape(x.shape, axes);
    const m = numel(kept);
    const out = allocLike(a, m).fill(-Infinity);
    const arg = (this.argmax = new Int32Array(m).fill(-1));
    forEachReduced(x.shape, axes.length === 0 ? x.shape.map((_, i) => i) : axes, (i, o) => {
      const v = a[i];
      if (arg[o] < 0 || v > out[o] || (Number.isNaN(v) && !Number.isNaN(out[o]))) {
        out[o] = v;
        arg[o] = i;
      }
    });
    return new Tensor(out, outShape);
  }
  backward(g: Storage) {
    const dx = allocLike(g, this.inputs[0].data.length);
    for (let o = 0; o < g.length; o++) dx[this.argmax[o]] += g[o];
    return [dx];
  }
}

/** Max over the given axes (all when empty); the gradient goes to the first maximal element. */
export const maxAxes = (x: Tensor, axes: readonly number[], outShape: Shape): Tensor => MaxFn.apply(x, axes, outShape);
