// Unary elementwise primitives: each op's forward and backward side by side. tanh and sigmoid
// are primitives rather than compositions of exp: composed, their backward overflows to NaN for
// inputs beyond ±710, and one fused op per activation is also faster on W4 (tanh MLPs).
import { alloc } from "../storage";
import { OpFn, needsGrad } from "../autograd/function";
import { msg } from "../messages";
import { tanhArray, tanhGrad } from "../kernels/tanh";
import { Tensor } from "../tensor";

/** Allocates the gradient of input x as g[i] * local(i). */
function chain(g: Float64Array, local: (i: number) => number): Float64Array {
  const n = g.length, out = alloc(n);
  for (let i = 0; i < n; i++) out[i] = g[i] * local(i);
  return out;
}

class NegFn extends OpFn {
  readonly name = "neg";
  backward(g: Float64Array) {
    const out = alloc(g.length);
    for (let i = 0; i < g.length; i++) out[i] = -g[i];
    return [out];
  }
}
/** -x. */
export function neg(x: Tensor): Tensor {
  const a = x.data, out = alloc(a.length);
  for (let i = 0; i < a.length; i++) out[i] = -a[i];
  return new Tensor(out, x.shape, needsGrad(x) ? new NegFn([x]) : null);
}

class ExpFn extends OpFn {
  readonly name = "exp";
  constructor(x: Tensor, private readonly y: Float64Array) { super([x]); }
  backward(g: Float64Array) { const y = this.y; return [chain(g, (i) => y[i])]; }
}
/** e^x. */
export function exp(x: Tensor): Tensor {
  const a = x.data, out = alloc(a.length);
  for (let i = 0; i < a.length; i++) out[i] = Math.exp(a[i]);
  return new Tensor(out, x.shape, needsGrad(x) ? new ExpFn(x, out) : null);
}

/** Throws when any value breaks the op's domain (NaN passes through: it comes from upstream). */
function checkDomain(op: string, a: Float64Array, ok: (v: number) => boolean, rule: string): void {
  for (let i = 0; i < a.length; i++) if (!ok(a[i]) && !Number.isNaN(a[i])) throw new Error(msg.domain(op, a[i], i, rule));
}

class LogFn extends OpFn {
  readonly name = "log";
  backward(g: Float64Array) { const a = this.inputs[0].data; return [chain(g, (i) => 1 / a[i])]; }
}
/** Natural logarithm; negative inputs are an error rather than a silent NaN. */
export function log(x: Tensor): Tensor {
  const a = x.data, out = alloc(a.length);
  checkDomain("log", a, (v) => v >= 0, "log is defined for x >= 0 only");
  for (let i = 0; i < a.length; i++) out[i] = Math.log(a[i]);
  return new Tensor(out, x.shape, needsGrad(x) ? new LogFn([x]) : null);
}

class SinFn extends OpFn {
  readonly name = "sin";
  backward(g: Float64Array) { const a = this.inputs[0].data; return [chain(g, (i) => Math.cos(a[i]))]; }
}
/** sin(x). */
export function sin(x: Tensor): Tensor {
  const a = x.data, out = alloc(a.length);
  for (let i = 0; i < a.length; i++) out[i] = Math.sin(a[i]);
  return new Tensor(out, x.shape, needsGrad(x) ? new SinFn([x]) : null);
}

class CosFn extends OpFn {
  readonly name = "cos";
  backward(g: Float64Array) { const a = this.inputs[0].data; return [chain(g, (i) => -Math.sin(a[i]))]; }
}
/** cos(x). */
export function cos(x: Tensor): Tensor {
  const a = x.data, out = alloc(a.length);
  for (let i = 0; i < a.length; i++) out[i] = Math.cos(a[i]);
  return new Tensor(out, x.shape, needsGrad(x) ? new CosFn([x]) : null);
}

class TanhFn extends OpFn {
  readonly name = "tanh";
  constructor(x: Tensor, private readonly y: Float64Array) { super([x]); }
  backward(g: Float64Array) { return [tanhGrad(g, this.y)]; }
}
/** tanh(x). */
export function tanh(x: Tensor): Tensor {
  const out = tanhArray(x.data);
  return new Tensor(out, x.shape, needsGrad(x) ? new TanhFn(x, out) : null);
}

class SigmoidFn extends OpFn {
  readonly name = "sigmoid";
  constructor(x: Tensor, private readonly y: Float64Array) { super([x]); }
  backward(g: Float64Array) { const y = this.y; return [chain(g, (i) => y[i] * (1 - y[i]))]; }
}
/** 1 / (1 + e^-x), computed without overflow on either side. */
export function sigmoid(x: Tensor): Tensor {
  const a = x.data, out = alloc(a.length);
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (v >= 0) out[i] = 1 / (1 + Math.exp(-v));
    else { const e = Math.exp(v); out[i] = e / (1 + e); }
  }
  return new Tensor(out, x.shape, needsGrad(x) ? new SigmoidFn(x, out) : null);
}

class ReluFn extends OpFn {
  readonly name = "relu";
  backward(g: Float64Array) {
    const a = this.inputs[0].data, out = alloc(g.length);
    for (let i = 0; i < g.length; i++) out[i] = a[i] > 0 ? g[i] : 0;
    return [out];
  }
}
/** max(x, 0); its gradient at 0 is 0, as in PyTorch. */
export function relu(x: Tensor): Tensor {
  const a = x.data, out = alloc(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] > 0 ? a[i] : 0;
  return new Tensor(out, x.shape, needsGrad(x) ? new ReluFn([x]) : null);
}

class AbsFn extends OpFn {
  readonly name = "abs";
  backward(g: Float64Array) { const a = this.inputs[0].data; return [chain(g, (i) => Math.sign(a[i]))]; }
}
/** |x|; its gradient at 0 is 0, as in PyTorch. */
export function abs(x: Tensor): Tensor {
  const a = x.data, out = alloc(a.length);
  for (let i = 0; i < a.length; i++) out[i] = Math.abs(a[i]);
  return new Tensor(out, x.shape, needsGrad(x) ? new AbsFn([x]) : null);
}

class PowFn extends OpFn {
  readonly name = "pow";
  constructor(x: Tensor, private readonly p: number) { super([x]); }
  backward(g: Float64Array) {
    const a = this.inputs[0].data, p = this.p;
    return [chain(g, (i) => (p === 0 ? 0 : p * a[i] ** (p - 1)))];
  }
}
/** x^p for a constant exponent; fractional powers of negative numbers are an error. */
export function powScalar(x: Tensor, p: number): Tensor {
  const a = x.data, out = alloc(a.length);
  if (!Number.isInteger(p)) checkDomain("pow", a, (v) => v >= 0, `a fractional power (${p}) needs x >= 0`);
  if (p === 2) for (let i = 0; i < a.length; i++) out[i] = a[i] * a[i];
  else for (let i = 0; i < a.length; i++) out[i] = a[i] ** p;
  return new Tensor(out, x.shape, needsGrad(x) ? new PowFn(x, p) : null);
}

class ReciprocalFn extends OpFn {
  readonly name = "reciprocal";
  constructor(x: Tensor, private readonly y: Float64Array) { super([x]); }
  backward(g: Float64Array) { const y = this.y; return [chain(g, (i) => -y[i] * y[i])]; }
}
/** 1 / x (division by zero gives ±Infinity, as in PyTorch). */
export function reciprocal(x: Tensor): Tensor {
  const a = x.data, out = alloc(a.length);
  for (let i = 0; i < a.length; i++) out[i] = 1 / a[i];
  return new Tensor(out, x.shape, needsGrad(x) ? new ReciprocalFn(x, out) : null);
}
