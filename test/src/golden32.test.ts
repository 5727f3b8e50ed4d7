// PyTorch's float32 results (test/golden/golden32.json, made by make_golden.py with PyTorch's CPU
// kernels) reproduced by gradlab in float32: every op's value and gradients, an MLP step, and six
// steps of each SGD/Adam variant. Ops whose float32 result is one correctly rounded operation
// (add, mul, neg, relu, movement, max, …) must give PyTorch's bits exactly; the others (sums,
// transcendental functions, products) must agree to torch.testing's float32 tolerance, with its
// atol in the units of the tensor compared (a sum of 100 float32 products, or 1 − tanh² near
// saturation, carries rounding in proportion to its terms, not to its result).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as g from "gradlab";
import { nn, noGrad, optim, type Tensor, tensor } from "gradlab";
import type { Golden } from "./golden-types";

interface OpRow { name: string; inputs: { shape: number[]; data: number[] }[]; shape: number[]; value: number[]; grads: number[][] }
type Golden32 = { dtype: "float32"; ops: OpRow[] } & Pick<Golden, "mlp" | "optimizers">;
const golden: Golden32 = JSON.parse(readFileSync(join(__dirname, "../golden/golden32.json"), "utf8"));

/** torch.testing.assert_close's float32 tolerance: rtol 1.3e-6, atol 1e-5 (here times the tensor's largest magnitude, if above 1). */
const FLOAT32_TOLERANCE = { rtol: 1.3e-6, atol: 1e-5 };
function expectClose32(got: ArrayLike<number> | number, want: readonly number[] | number, what: string): void {
  const gv = typeof got === "number" ? [got] : Array.from(got), wv = typeof want === "number" ? [want] : want;
  expect(gv.length, `${what}: length`).toBe(wv.length);
  const units = Math.max(1, ...wv.map(Math.abs));
  gv.forEach((v, i) => {
    const tol = FLOAT32_TOLERANCE.atol * units + FLOAT32_TOLERANCE.rtol * Math.abs(wv[i]);
    if (!(Math.abs(v - wv[i]) <= tol)) expect.fail(`${what}[${i}]: gradlab ${v}, PyTorch ${wv[i]} (tolerance ${tol})`);
  });
}

const CE_TARGETS = tensor([0, 3, 1, 2, 2, 0, 1, 3]);
/** The same ops as OPS32 in make_golden.py; `true` marks results PyTorch rounds exactly once. */
const OPS: Record<string, [boolean, (...xs: Tensor[]) => Tensor]> = {
  "add": [true, (a, b) => a.add(b)],
  "add broadcast": [true, (a, b) => a.add(b)],
  "add number": [true, (a) => a.add(1.5)],
  "sub": [true, (a, b) => a.sub(b)],
  "mul": [true, (a, b) => a.mul(b)],
  "mul number": [true, (a) => a.mul(0.1)],
  "div": [false, (a, b) => a.div(b)],
  "neg": [true, (a) => a.neg()],
  "pow 2": [true, (a) => a.pow(2)],
  "pow 3": [false, (a) => a.pow(3)],
  "pow -1.5": [false, (a) => a.pow(-1.5)],
  "pow tensor": [false, (a, b) => a.pow(b)],
  "sqrt": [true, (a) => a.sqrt()],
  "exp": [false, (a) => a.exp()],
  "log": [false, (a) => a.log()],
  "sin": [false, (a) => a.sin()],
  "cos": [false, (a) => a.cos()],
  "tanh": [false, (a) => a.tanh()],
  "tanh 200x16 (WASM)": [false, (a) => a.tanh()],
  "sigmoid": [false, (a) => a.sigmoid()],
  "relu": [true, (a) => a.relu()],
  "abs": [true, (a) => a.abs()],
  "matmul 2x3 @ 3x4": [false, (a, b) => a.matmul(b)],
  "matmul 33x70 @ 70x45 (WASM)": [false, (a, b) => a.matmul(b)],
  "matmul 1-D": [false, (a, b) => a.matmul(b)],
  "linear 4x3 W2x3 b2": [false, (x, w, b) => g.linear(x, w, b)],
  "linear 128x100 W30x100 b30 (WASM)": [false, (x, w, b) => g.linear(x, w, b)],
  "sum": [false, (a) => a.sum()],
  "sum dim 1": [false, (a) => a.sum(1)],
  "mean": [false, (a) => a.mean()],
  "mean dim -1 keepdim": [false, (a) => a.mean(-1, true)],
  "max": [true, (a) => a.max()],
  "max dim 1": [true, (a) => a.max(1)],
  "min dim 0": [true, (a) => a.min(0)],
  "reshape": [true, (a) => a.reshape(3, 4)],
  "permute": [true, (a) => a.permute(1, 2, 0)],
  "T": [true, (a) => a.T],
  "expand": [true, (a) => a.expand(2, 3, 4)],
  "index list": [true, (a) => a.index([3, 0, 3, 1])],
  "slice step": [true, (a) => a.slice(0, 5, 2)],
  "softmax": [false, (a) => a.softmax(-1)],
  "logSoftmax dim 0": [false, (a) => a.logSoftmax(0)],
  "MSELoss": [false, (a, b) => new nn.MSELoss().forward(a, b)],
  "CrossEntropyLoss": [false, (a) => new nn.CrossEntropyLoss().forward(a, CE_TARGETS)],
};

describe("every op in float32 matches PyTorch's float32 results", () => {
  it("covers every op of the golden file", () => {
    expect(Object.keys(OPS).sort()).toEqual(golden.ops.map((r) => r.name).sort());
  });
  for (const row of golden.ops) {
    it(row.name, () => {
      const [exact, fn] = OPS[row.name];
      const inputs = row.inputs.map((i) => tensor(i.data, { dtype: "float32" }).reshape(i.shape).requiresGrad_());
      const out = fn(...inputs);
      expect(out.dtype).toBe("float32");
      expect(out.shape).toEqual(row.shape);
      if (exact) expect(Array.from(out.data), "bit for bit").toEqual(row.value);
      else expectClose32(out.data, row.value, `${row.name} value`);
      const w = tensor(Array.from({ length: out.numel() }, (_, i) => 1 + 0.37 * i), { dtype: "float32" }).reshape([...out.shape]);
      out.mul(w).sum().backward();
      inputs.forEach((t, k) => {
        expect(t.grad!.dtype).toBe("float32");
        expectClose32(t.grad!.data, row.grads[k], `${row.name} grad of input ${k}`);
      });
    });
  }
});

function linearFrom(spec: Golden["mlp"]["layers"][number]): nn.Linear {
  const layer = new nn.Linear(spec.in, spec.out, { dtype: "float32" });
  noGrad(() => {
    layer.weight.copy_(tensor(spec.weight).reshape(spec.out, spec.in));
    layer.bias!.copy_(tensor(spec.bias));
  });
  return layer;
}

describe("float32 training matches PyTorch's float32", () => {
  it("an MLP step: logits, loss and parameter gradients", () => {
    const m = golden.mlp;
    const [l1, l2, l3] = m.layers.map(linearFrom);
    const model = new nn.Sequential(l1, new nn.Tanh(), l2, new nn.Sigmoid(), l3);
    const logits = model.forward(tensor(m.x, { dtype: "float32" }).reshape(m.xShape));
    const loss = new nn.CrossEntropyLoss().forward(logits, tensor(m.targets));
    expectClose32(logits.data, m.logits, "logits");
    expectClose32(loss.item(), m.loss, "loss");
    loss.backward();
    for (const [name, p] of model.namedParameters()) expectClose32(p.grad!.data, m.grads[name], `grad of ${name}`);
  });

  const o = golden.optimizers;
  for (const run of o.runs) {
    it(`six ${run.name} steps`, () => {
      const model = linearFrom(o.model);
      const { lr, momentum, dampening, nesterov, weight_decay: weightDecay, betas, eps } = run.options;
      const opt: optim.Optimizer = run.optimizer === "SGD"
        ? new optim.SGD(model.parameters(), { lr: lr!, momentum, dampening, nesterov, weightDecay })
        : new optim.Adam(model.parameters(), { lr, betas, eps, weightDecay });
      const x = tensor(o.x, { dtype: "float32" }).reshape(o.xShape), y = tensor(o.y, { dtype: "float32" }).reshape(o.yShape);
      run.params.forEach((want, step) => {
        opt.zeroGrad();
        const loss = new nn.MSELoss().forward(model.forward(x), y);
        loss.backward();
        opt.step();
        expectClose32(loss.item(), run.losses[step], `loss at step ${step + 1}`);
        expectClose32(model.weight.data, want.weight, `weight after step ${step + 1}`);
        expectClose32(model.bias!.data, want.bias, `bias after step ${step + 1}`);
        expect(model.weight.dtype).toBe("float32");
      });
    });
  }
});
