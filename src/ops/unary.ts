// Unary elementwise primitives: each op's forward and backward side by side. tanh and sigmoid
// are primitives rather than compositions of exp: composed, their backward overflows to NaN for
// inputs beyond ±710, and one fused op per activation is also faster on W4 (tanh MLPs).
// Results have the input's dtype; float32 values are computed in double and rounded once.
import type { Storage } from "../dtype";
import { allocLike } from "../storage";
import { OpFn } from "../autograd/function";
import { msg } from "../messages";
import { reluArray, reluGrad } from "../kernels/relu";
import { tanhArray, tanhGrad } from "../kernels/tanh";
import { Tensor } from "../tensor";

/** Allocates the gradient of input x as g[i] * local(i). */
function chain(g: Storage, local: (i: number) => number): Storage {
  const n = g.length, out = allocLike(g);
  for (let i = 0; i < n; i++) out[i] = g[i] * local(i);
  return out;
}

/** A new array of f(a[i]) with a's dtype (hot ops keep their own loops: f is not inlined here). */
function map(a: Storage, f: (v: number) => number): Storage {
  const n = a.length, out = allocLike(a);
  for (let i = 0; i < n; i++) out[i] = f(a[i]);
  return out;
}

function negated(a: Storage): Storage {
  const n = a.length, out = allocLike(a);
  for (let i = 0; i < n; i++) out[i] = -a[i];
  return out;
}
class NegFn extends OpFn {
  readonly name = "neg";
  forward(x: Tensor) { return new Tensor(negated(x.data), x.shape); }
  backward(g: Storage) { return [negated(g)]; }
}

class ExpFn extends OpFn {
  readonly name = "exp";
  private y!: Storage;
  forward(x: Tensor) {
    const a = x.data, n = a.length, y = allocLike(a);
    for (let i = 0; i < n; i++) y[i] = Math.exp(a[i]);
    this.y = y;
    return new Tensor(y, x.shape);
  }
  backward(g: Storage) { const y = this.y; return [chain(g, (i) => y[i])]; }
}

/** Throws when any value breaks the op's domain (NaN passes through: it comes from upstream). */
function checkDomain(op: string, a: Storage, ok: (v: number) => boolean, rule: string): void {
  for (let i = 0; i < a.length; i++) if (!ok(a[i]) && !Number.isNaN(a[i])) throw new Error(msg.domain(op, a[i], i, rule));
}

class LogFn extends OpFn {
  readonly name = "log";
  forward(x: Tensor) {
    checkDomain("log", x.data, (v) => v >= 0, "log is defined for x >= 0 only");
    return new Tensor(map(x.data, Math.log), x.shape);
  }
  backward(g: Storage) { const a = this.inputs[0].data; return [chain(g, (i) => 1 / a[i])]; }
}

class SinFn extends OpFn {
  readonly name = "sin";
  forward(x: Tensor) { return new Tensor(map(x.data, Math.sin), x.shape); }
  backward(g: Storage) { const a = this.inputs[0].data; return [chain(g, (i) => Math.cos(a[i]))]; }
}

class CosFn extends OpFn {
  readonly name = "cos";
  forward(x: Tensor) { return new Tensor(map(x.data, Math.cos), x.shape); }
  backward(g: Storage) { const a = this.inputs[0].data; return [chain(g, (i) => -Math.sin(a[i]))]; }
}

class TanhFn extends OpFn {
  readonly name = "tanh";
  private y!: Storage;
  forward(x: Tensor) { this.y = tanhArray(x.data); return new Tensor(this.y, x.shape); }
  backward(g: Storage) { return [tanhGrad(g, this.y)]; }
}

/** 1 / (1 + e^-x), computed without overflow on either side. */
const sigmoidOf = (v: number): number => {
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
};
class SigmoidFn extends OpFn {
  readonly name = "sigmoid";
  private y!: Storage;
  forward(x: Tensor) { this.y = map(x.data, sigmoidOf); return new Tensor(this.y, x.shape); }
  backward(g: Storage) { const y = this.y; return [chain(g, (i) => y[i] * (1 - y[i]))]; }
}

class ReluFn extends OpFn {
  readonly name = "relu";
  forward(x: Tensor) { return new Tensor(reluArray(x.data), x.shape); }
  backward(g: Storage) { return [reluGrad(this.inputs[0].data, g)]; }
}

class AbsFn extends OpFn {
  readonly name = "abs";
  forward(x: Tensor) { return new Tensor(map(x.data, Math.abs), x.shape); }
  backward(g: Storage) { const a = this.inputs[0].data; return [chain(g, (i) => Math.sign(a[i]))]; }
}

class PowFn extends OpFn {
  readonly name = "pow";
  private p = 0;
  forward(x: Tensor, p: number) {
    this.p = p;
    if (!Number.isInteger(p)) checkDomain("pow", x.data, (v) => v >= 0, `a fractional power (${p}) needs x >= 0`);
    return new Tensor(p === 2 ? map(x.data, (v) => v * v) : map(x.data, (v) => v ** p), x.shape);
  }
  backward(g: Storage) {
    const a = this.inputs[0].data, p = this.p;
    return [chain(g, (i) => (p === 0 ? 0 : p * a[i] ** (p - 1)))];
  }
}

class ReciprocalFn extends OpFn {
  readonly name = "reciprocal";
  private y!: Storage;
  forward(x: Tensor) { this.y = map(x.data, (v) => 1 / v); return new Tensor(this.y, x.shape); }
  backward(g: Storage) { const y = this.y; return [chain(g, (i) => -y[i] * y[i])]; }
}

/** -x. */
export const neg = (x: Tensor): Tensor => NegFn.apply(x);
/** e^x. */
export const exp = (x: Tensor): Tensor => ExpFn.apply(x);
/** Natural logarithm; negative inputs are an error rather than a silent NaN. */
export const log = (x: Tensor): Tensor => LogFn.apply(x);
/** sin(x). */
export const sin = (x: Tensor): Tensor => SinFn.apply(x);
/** cos(x). */
export const cos = (x: Tensor): Tensor => CosFn.apply(x);
/** tanh(x). */
export const tanh = (x: Tensor): Tensor => TanhFn.apply(x);
/** 1 / (1 + e^-x). */
export const sigmoid = (x: Tensor): Tensor => SigmoidFn.apply(x);
/** max(x, 0); its gradient at 0 is 0, as in PyTorch. */
export const relu = (x: Tensor): Tensor => ReluFn.apply(x);
/** |x|; its gradient at 0 is 0, as in PyTorch. */
export const abs = (x: Tensor): Tensor => AbsFn.apply(x);
/** x^p for a constant exponent; fractional powers of negative numbers are an error. */
export const powScalar = (x: Tensor, p: number): Tensor => PowFn.apply(x, p);
/** 1 / x (division by zero gives ±Infinity, as in PyTorch). */
export const reciprocal = (x: Tensor): Tensor => ReciprocalFn.apply(x);
