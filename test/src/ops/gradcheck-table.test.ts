// Every op's gradient against central finite differences in float64, one table row per op
// (PyTorch's gradcheck, tinygrad's helper_test_op): each row names its input shapes and domain,
// chosen so kinks (relu/abs at 0, ties of max/min) are never within a step of an input.
import { describe, expect, it } from "vitest";
import * as g from "gradlab";
import { autograd, gradcheck, nn, Tensor, tensor } from "gradlab";

/** Input domain: an interval, optionally kept at least 0.2 away from 0 (for kinks and poles). */
interface Domain { lo: number; hi: number; awayFromZero?: boolean }
const ANY: Domain = { lo: -2, hi: 2 };
const POS: Domain = { lo: 0.3, hi: 2.5 };
const AWAY: Domain = { lo: -2, hi: 2, awayFromZero: true };

/**
 * Distinct, well-separated values in the domain: a seeded shuffle of an even grid, so max/min never
 * tie and every value is at least (hi − lo)/n from the next one.
 */
function input(shape: number[], domain: Domain, seed: number): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  let s = seed * 2654435761 + 12345;
  const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const order = Array.from({ length: n }, (_, i) => i).map((i) => ({ i, k: rnd() })).sort((a, b) => a.k - b.k).map((o) => o.i);
  const values = order.map((i) => {
    const v = domain.lo + ((domain.hi - domain.lo) * (i + 0.5)) / n;
    return domain.awayFromZero && Math.abs(v) < 0.2 ? Math.sign(v || 1) * (0.2 + Math.abs(v)) : v;
  });
  return tensor(values).reshape(shape).requiresGrad_();
}

/** One row: the op applied to inputs of the given shapes and domains. */
interface Row { name: string; inputs: [number[], Domain][]; fn: (...xs: Tensor[]) => Tensor }
const row = (name: string, inputs: [number[], Domain][], fn: (...xs: Tensor[]) => Tensor): Row => ({ name, inputs, fn });
const M = [2, 3], V = [3];

const ROWS: Row[] = [
  row("add", [[M, ANY], [M, ANY]], (a, b) => g.add(a, b)),
  row("add broadcast [2,3]+[3]", [[M, ANY], [V, ANY]], (a, b) => a.add(b)),
  row("add broadcast [3,1]+[1,4]", [[[3, 1], ANY], [[1, 4], ANY]], (a, b) => a.add(b)),
  row("add number", [[M, ANY]], (a) => a.add(1.5)),
  row("sub", [[M, ANY], [M, ANY]], (a, b) => g.sub(a, b)),
  row("sub broadcast [3]-[2,3]", [[V, ANY], [M, ANY]], (a, b) => a.sub(b)),
  row("sub number - tensor", [[M, ANY]], (a) => g.sub(2, a)),
  row("mul", [[M, ANY], [M, ANY]], (a, b) => g.mul(a, b)),
  row("mul broadcast [2,1,3]*[4,1]", [[[2, 1, 3], ANY], [[4, 1], ANY]], (a, b) => a.mul(b)),
  row("mul 0-d * [2,3]", [[[], ANY], [M, ANY]], (a, b) => a.mul(b)),
  row("div", [[M, ANY], [M, AWAY]], (a, b) => g.div(a, b)),
  row("div broadcast [2,3]/[2,1]", [[M, ANY], [[2, 1], AWAY]], (a, b) => a.div(b)),
  row("div number / tensor", [[M, AWAY]], (a) => g.div(3, a)),
  row("neg", [[M, ANY]], (a) => g.neg(a)),
  row("pow 2", [[M, ANY]], (a) => g.pow(a, 2)),
  row("pow 3", [[M, ANY]], (a) => a.pow(3)),
  row("pow -1.5 (positive base)", [[M, POS]], (a) => a.pow(-1.5)),
  row("pow 0.5 (positive base)", [[M, POS]], (a) => a.pow(0.5)),
  row("pow tensor exponent", [[M, POS], [M, ANY]], (a, b) => g.pow(a, b)),
  row("pow tensor exponent broadcast", [[M, POS], [V, ANY]], (a, b) => a.pow(b)),
  row("exp", [[M, ANY]], (a) => g.exp(a)),
  row("log (positive)", [[M, POS]], (a) => g.log(a)),
  row("sin", [[M, ANY]], (a) => g.sin(a)),
  row("cos", [[M, ANY]], (a) => g.cos(a)),
  row("tanh", [[M, ANY]], (a) => g.tanh(a)),
  row("tanh [4,25] (WASM kernel)", [[[4, 25], { lo: -4, hi: 4 }]], (a) => g.tanh(a)),
  row("sigmoid", [[M, { lo: -6, hi: 6 }]], (a) => g.sigmoid(a)),
  row("relu (away from 0)", [[[3, 4], AWAY]], (a) => g.relu(a)),
  row("abs (away from 0)", [[[3, 4], AWAY]], (a) => g.abs(a)),
  row("sqrt (positive)", [[M, POS]], (a) => g.sqrt(a)),
  row("matmul [2,3]@[3,4]", [[M, ANY], [[3, 4], ANY]], (a, b) => g.matmul(a, b)),
  row("matmul [3]@[3,4]", [[V, ANY], [[3, 4], ANY]], (a, b) => a.matmul(b)),
  row("matmul [2,3]@[3]", [[M, ANY], [V, ANY]], (a, b) => a.matmul(b)),
  row("matmul [3]@[3]", [[V, ANY], [V, ANY]], (a, b) => a.matmul(b)),
  row("linear [4,3] W[2,3] b[2]", [[[4, 3], ANY], [[2, 3], ANY], [[2], ANY]], (x, w, b) => g.linear(x, w, b)),
  row("linear [3] W[2,3] no bias", [[V, ANY], [[2, 3], ANY]], (x, w) => g.linear(x, w)),
  row("linear [8,5] W[3,5] b[3] (WASM kernel)", [[[8, 5], ANY], [[3, 5], ANY], [[3], ANY]], (x, w, b) => g.linear(x, w, b)),
  row("sum", [[[2, 3, 4], ANY]], (a) => g.sum(a)),
  row("sum dim 1", [[[2, 3, 4], ANY]], (a) => a.sum(1)),
  row("sum dim -1 keepdim", [[[2, 3, 4], ANY]], (a) => a.sum(-1, true)),
  row("sum dims [0, 2]", [[[2, 3, 4], ANY]], (a) => a.sum([0, 2])),
  row("mean", [[[2, 3, 4], ANY]], (a) => g.mean(a)),
  row("mean dim 0", [[[2, 3, 4], ANY]], (a) => a.mean(0)),
  row("mean dim 2 keepdim", [[[2, 3, 4], ANY]], (a) => a.mean(2, true)),
  row("max (no ties)", [[[3, 4], ANY]], (a) => g.max(a)),
  row("max dim 1", [[[3, 4], ANY]], (a) => a.max(1)),
  row("max dim 0 keepdim", [[[3, 4], ANY]], (a) => a.max(0, true)),
  row("min (no ties)", [[[3, 4], ANY]], (a) => g.min(a)),
  row("min dim 1", [[[3, 4], ANY]], (a) => a.min(1)),
  row("min dim -2 keepdim", [[[3, 4], ANY]], (a) => a.min(-2, true)),
  row("reshape", [[[2, 6], ANY]], (a) => g.reshape(a, [3, 4]).mul(tensor([1, 2, 3, 4]))),
  row("reshape -1", [[[2, 6], ANY]], (a) => a.reshape(4, -1).mul(tensor([1, 2, 3]))),
  row("transpose", [[[2, 3, 4], ANY]], (a) => g.transpose(a, 0, 2).mul(tensor([1, 2]))),
  row("T", [[[3, 2], ANY]], (a) => a.T.mul(tensor([1, 2, 3]))),
  row("permute", [[[2, 3, 4], ANY]], (a) => g.permute(a, 1, 2, 0).mul(tensor([1, -1]))),
  row("view, flatten, clone", [[[2, 3], ANY]], (a) => a.view(3, 2).flatten().clone().mul(tensor([1, 2, 3, 4, 5, 6]))),
  row("expand", [[[3, 1], ANY]], (a) => g.expand(a, 2, 3, 4).mul(tensor([1, 2, 3, 4]))),
  row("squeeze", [[[1, 3, 1], ANY]], (a) => g.squeeze(a).mul(tensor([1, 2, 3]))),
  row("squeeze dim", [[[1, 3, 1], ANY]], (a) => a.squeeze(2).mul(tensor([[1, 2, 3]]))),
  row("unsqueeze", [[M, ANY]], (a) => g.unsqueeze(a, 1).mul(tensor([1, 2, 3]))),
  row("softmax dim -1", [[[3, 4], ANY]], (a) => g.softmax(a)),
  row("softmax dim 0", [[[3, 4], ANY]], (a) => a.softmax(0)),
  row("logSoftmax dim -1", [[[3, 4], ANY]], (a) => g.logSoftmax(a)),
  row("logSoftmax dim 1 of 3-D", [[[2, 3, 2], ANY]], (a) => a.logSoftmax(1)),
  row("index number", [[[4, 3], ANY]], (a) => g.index(a, 2)),
  row("index negative", [[[4, 3], ANY]], (a) => a.index(-1)),
  row("index list with repeats", [[[4, 3], ANY]], (a) => a.index([3, 0, 3, 1])),
  row("slice", [[[5, 2], ANY]], (a) => g.slice(a, 1, 4)),
  row("slice with step", [[[5, 2], ANY]], (a) => a.slice(0, 5, 2)),
  row("composition: shared node", [[M, ANY]], (a) => { const t = a.tanh(); return t.mul(t).add(t.exp()).mul(a); }),
  row("composition: broadcast chain", [[[3, 1], POS], [[1, 4], POS]], (a, b) => a.mul(b).div(b.add(a.mul(a))).log().sum(0)),
  row("composition: MSELoss", [[M, ANY], [M, ANY]], (a, b) => new nn.MSELoss().forward(a, b)),
  row("composition: CrossEntropyLoss", [[[3, 4], ANY]], (a) => new nn.CrossEntropyLoss().forward(a, tensor([0, 3, 1]))),
  row("CrossEntropyLoss sum", [[[3, 4], ANY]], (a) => new nn.CrossEntropyLoss("sum").forward(a, tensor([0, 3, 1]))),
  row("CrossEntropyLoss none (one loss per example)", [[[3, 4], ANY]], (a) => new nn.CrossEntropyLoss("none").forward(a, tensor([0, 3, 3]))),
  row("crossEntropy unbatched [C], number target", [[[4], ANY]], (a) => nn.crossEntropy(a, 2)),
  row("CrossEntropyLoss unbatched [C], 0-d target, none", [[[4], ANY]], (a) => new nn.CrossEntropyLoss("none").forward(a, tensor(3))),
];

/**
 * Independent of the library's gradcheck: compares the gradient of Σ wᵢ·fᵢ (fixed, unequal weights
 * wᵢ, so a permuted or transposed gradient cannot hide behind a plain sum) with central differences.
 */
function worstError(fn: (...xs: Tensor[]) => Tensor, inputs: Tensor[]): number {
  const out = fn(...inputs);
  const w = tensor(Array.from({ length: out.numel() }, (_, i) => 1 + 0.37 * i)).reshape([...out.shape]);
  inputs.forEach((t) => (t.grad = null));
  out.mul(w).sum().backward();
  const value = () => g.noGrad(() => fn(...inputs).mul(w).sum().item());
  const h = 1e-6;
  let worst = 0;
  for (const t of inputs) {
    for (let j = 0; j < t.data.length; j++) {
      const orig = t.data[j];
      t.data[j] = orig + h;
      const plus = value();
      t.data[j] = orig - h;
      const minus = value();
      t.data[j] = orig;
      const numeric = (plus - minus) / (2 * h);
      const analytic = t.grad === null ? 0 : t.grad.data[j];
      worst = Math.max(worst, Math.abs(analytic - numeric) / (1 + Math.abs(numeric)));
    }
  }
  return worst;
}

describe("gradients of every op match finite differences (float64)", () => {
  ROWS.forEach((r, k) => {
    it(r.name, () => {
      const inputs = r.inputs.map(([shape, domain], i) => input(shape, domain, 31 * k + i));
      expect(gradcheck(r.fn, inputs)).toBe(true);
      expect(worstError(r.fn, inputs)).toBeLessThan(1e-6);
    });
  });
});

/** 2x whose recorded backward claims 3: a broken op both checkers must reject. */
class WrongDouble extends autograd.Function {
  forward(x: Tensor) { return x.mul(2); }
  backward(grad: Tensor) { return [grad.mul(3)]; }
}
const wrongDouble = (x: Tensor) => WrongDouble.apply(x);

describe("the checkers catch a wrong gradient", () => {
  it("gradcheck throws naming the input and index", () => {
    expect(() => gradcheck(wrongDouble, [input(V, ANY, 1)])).toThrow(/gradcheck: gradients differ for input 0 at flat index 0: autograd gave [-\d.e]+, finite differences gave/);
    expect(gradcheck(wrongDouble, [input(V, ANY, 1)], { raiseException: false })).toBe(false);
  });
  it("the test's own finite differences see it too", () => {
    expect(worstError(wrongDouble, [input(V, ANY, 1)])).toBeGreaterThan(0.1);
  });
  it("gradcheck leaves the inputs' values and .grad as they were", () => {
    const x = input(V, ANY, 2);
    const before = Array.from(x.data);
    x.grad = tensor([7, 8, 9]);
    gradcheck((t) => t.sin(), [x]);
    expect(Array.from(x.data)).toEqual(before);
    expect(x.grad.toArray()).toEqual([7, 8, 9]);
  });
});
