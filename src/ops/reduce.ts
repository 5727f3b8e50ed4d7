// Reductions: sum and max over any set of axes. mean and min are compositions (ops/index.ts).
import { alloc } from "../storage";
import { OpFn, needsGrad } from "../autograd/function";
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
  constructor(x: Tensor, private readonly kept: number[]) { super([x]); }
  backward(g: Float64Array) {
    const x = this.inputs[0];
    return [broadcastInto(g, this.kept, x.shape)];
  }
}

/** Sum over the given axes (all when axes is empty); outShape is the caller's final shape. */
export function sumAxes(x: Tensor, axes: readonly number[], outShape: Shape): Tensor {
  const a = x.data;
  const all = axes.length === 0 || axes.length === x.shape.length;
  const kept = all ? x.shape.map(() => 1) : keptShape(x.shape, axes);
  const out = alloc(numel(kept));
  if (all) {
    let s = 0;
    for (let i = 0; i < a.length; i++) s += a[i];
    out[0] = s;
  } else {
    forEachReduced(x.shape, axes, (i, o) => { out[o] += a[i]; });
  }
  return new Tensor(out, outShape, needsGrad(x) ? new SumFn(x, kept) : null);
}

class MaxFn extends OpFn {
  readonly name = "max";
  constructor(x: Tensor, private readonly argmax: Int32Array) { super([x]); }
  backward(g: Float64Array) {
    const dx = alloc(this.inputs[0].data.length);
    for (let o = 0; o < g.length; o++) dx[this.argmax[o]] += g[o];
    return [dx];
  }
}

/** Max over the given axes (all when empty); the gradient goes to the first maximal element. */
export function maxAxes(x: Tensor, axes: readonly number[], outShape: Shape): Tensor {
  const a = x.data;
  const kept = axes.length === 0 ? x.shape.map(() => 1) : keptShape(x.shape, axes);
  const m = numel(kept);
  const out = alloc(m).fill(-Infinity);
  const arg = new Int32Array(m).fill(-1);
  forEachReduced(x.shape, axes.length === 0 ? x.shape.map((_, i) => i) : axes, (i, o) => {
    const v = a[i];
    if (arg[o] < 0 || v > out[o] || (Number.isNaN(v) && !Number.isNaN(out[o]))) {
      out[o] = v;
      arg[o] = i;
    }
  });
  return new Tensor(out, outShape, needsGrad(x) ? new MaxFn(x, arg) : null);
}
