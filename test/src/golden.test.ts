// PyTorch's numbers (test/golden/golden.json, made by make_golden.py in float64) reproduced by
// gradlab to 1e-9: compound expressions, an MLP with cross-entropy, SGD/Adam steps, losses, init.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { linspace, nn, noGrad, optim, Tensor, tensor } from "gradlab";
import type { Golden } from "./golden-types";

const golden: Golden = JSON.parse(readFileSync(join(__dirname, "../golden/golden.json"), "utf8"));

/** |a − b| ≤ 1e-9 · max(1, |b|) elementwise: absolute near zero, relative for large values. */
function expectClose(got: ArrayLike<number> | number, want: readonly number[] | number, what: string): void {
  const g = typeof got === "number" ? [got] : Array.from(got);
  const w = typeof want === "number" ? [want] : want;
  expect(g.length, `${what}: length`).toBe(w.length);
  g.forEach((v, i) => {
    const tol = 1e-9 * Math.max(1, Math.abs(w[i]));
    if (!(Math.abs(v - w[i]) <= tol)) expect.fail(`${what}[${i}]: gradlab ${v}, PyTorch ${w[i]} (tolerance ${tol})`);
  });
}

type Expr = (...xs: Tensor[]) => Tensor;
/** The same bodies as EXPRESSIONS in make_golden.py. */
const expressions: Record<string, Expr> = {
  lecture: (x, y, z) => z.mul(2).mul(x).div(y.sin()).add(1).log().tanh(),
  shared_broadcast: (x, y) => {
    const a = x.mul(y);
    return a.add(a.mul(x)).mul(a).sum().add(a.exp().mean());
  },
  reuse_chain: (x) => {
    const u = x.sin();
    const w = u.mul(u).add(u.cos().mul(x)).div(u.abs().add(1));
    return w.sum().add(w.mul(u).mean());
  },
  matmul_bias_tanh: (x, w, b) => {
    const h = x.matmul(w).add(b).tanh();
    return h.mul(h).mul(h).sum().add(h.max(1).sum());
  },
  softmax_mix: (x) => x.softmax(1).mul(x.logSoftmax(1)).sum().add(x.softmax(0).pow(3).sum()),
  pow_tensor: (a, b) => a.pow(b).sum().add(b.pow(2).div(a).mean()),
  movement: (x) => {
    const y = x.permute(2, 0, 1).reshape(4, 6);
    const z = y.T.matmul(y);
    return z.mul(z).mean().add(x.transpose(0, 2).unsqueeze(1).squeeze().sum(0).pow(2).sum()).add(x.min(2).sum());
  },
  index_slice: (x) => {
    const t = x.index([0, 2, 2, 4]);
    return x.index(1).mul(x.index(3)).sum()
      .add(x.slice(1, 4).sigmoid().mul(t.slice(0, 3)).sum())
      .add(t.relu().mean())
      .add(x.slice(0, 5, 2).sum());
  },
  sqrt_div_neg: (x, y) => x.sqrt().div(y.mul(y).add(1)).sub(x.neg().exp()).sum(),
  reductions: (x) => x.mean([0, 2]).pow(2).sum().add(x.sum(-1, true).tanh().mean()).add(x.max()).add(x.min()).add(x.mean(1).max(0, true).sum()),
  matvec_1d: (m, v, u) => u.matmul(m).matmul(v).mul(m.matmul(v).sum()).add(u.matmul(m).abs().sum()).add(u.matmul(u)),
  expand_sub: (a, b) => a.expand(2, 3).sub(b).pow(2).sum().add(b.sub(2.5).mul(a).div(b.add(3)).sum()),
};

describe("compound expressions match PyTorch (values and gradients)", () => {
  it("covers every expression of the golden file", () => {
    expect(Object.keys(expressions).sort()).toEqual(golden.expressions.map((e) => e.name).sort());
  });
  for (const e of golden.expressions) {
    it(e.name, () => {
      const inputs = e.inputs.map((i) => tensor(i.data).reshape(i.shape).requiresGrad_());
      const f = expressions[e.name](...inputs);
      expectClose(f.item(), e.value, `${e.name} value`);
      f.backward();
      inputs.forEach((t, k) => expectClose(t.grad!.data, e.grads[k], `${e.name} grad of input ${k}`));
    });
  }
});

function linearFrom(spec: Golden["mlp"]["layers"][number]): nn.Linear {
  const layer = new nn.Linear(spec.in, spec.out);
  noGrad(() => {
    layer.weight.copy_(tensor(spec.weight).reshape(spec.out, spec.in));
    layer.bias!.copy_(tensor(spec.bias));
  });
  return layer;
}

describe("an MLP with cross-entropy matches PyTorch", () => {
  const g = golden.mlp;
  it("gives the same logits, loss and parameter gradients", () => {
    const [l1, l2, l3] = g.layers.map(linearFrom);
    const model = new nn.Sequential(l1, new nn.Tanh(), l2, new nn.Sigmoid(), l3);
    const logits = model.forward(tensor(g.x).reshape(g.xShape));
    const loss = new nn.CrossEntropyLoss().forward(logits, tensor(g.targets));
    expectClose(logits.data, g.logits, "logits");
    expectClose(loss.item(), g.loss, "loss");
    loss.backward();
    const named = model.namedParameters();
    expect(named.map(([n]) => n)).toEqual(Object.keys(g.grads));
    for (const [name, p] of named) expectClose(p.grad!.data, g.grads[name], `grad of ${name}`);
  });
});

describe("six optimizer steps match PyTorch", () => {
  const o = golden.optimizers;
  for (const run of o.runs) {
    it(run.name, () => {
      const model = linearFrom(o.model);
      const { lr, momentum, dampening, nesterov, weight_decay: weightDecay, betas, eps } = run.options;
      const opt: optim.Optimizer = run.optimizer === "SGD"
        ? new optim.SGD(model.parameters(), { lr: lr!, momentum, dampening, nesterov, weightDecay })
        : new optim.Adam(model.parameters(), { lr, betas, eps, weightDecay });
      const x = tensor(o.x).reshape(o.xShape), y = tensor(o.y).reshape(o.yShape);
      const mse = new nn.MSELoss();
      run.params.forEach((want, step) => {
        opt.zeroGrad();
        const loss = mse.forward(model.forward(x), y);
        loss.backward();
        opt.step();
        expectClose(loss.item(), run.losses[step], `${run.name} loss at step ${step + 1}`);
        expectClose(model.weight.data, want.weight, `${run.name} weight after step ${step + 1}`);
        expectClose(model.bias!.data, want.bias, `${run.name} bias after step ${step + 1}`);
      });
    });
  }
});

describe("losses match PyTorch for every reduction", () => {
  for (const c of golden.losses) {
    it(`${c.loss} reduction=${c.reduction}`, () => {
      const input = tensor(c.input.data).reshape(c.input.shape).requiresGrad_();
      const loss = c.loss === "MSELoss"
        ? new nn.MSELoss({ reduction: c.reduction }).forward(input, tensor(c.target).reshape(c.targetShape))
        : new nn.CrossEntropyLoss({ reduction: c.reduction }).forward(input, tensor(c.target));
      expectClose(loss.data, c.value, `${c.loss} value`);
      loss.sum().backward();
      expectClose(input.grad!.data, c.grad, `${c.loss} grad`);
    });
  }
});

describe("nn.init and linspace match PyTorch", () => {
  it("computes fan in and fan out as PyTorch", () => {
    for (const f of golden.init.fans) {
      expect(nn.init.calculateFanInAndFanOut(tensor(new Float64Array(f.shape.reduce((a, b) => a * b, 1))).reshape(f.shape))).toEqual([f.fanIn, f.fanOut]);
    }
  });
  it("computes the recommended gains as PyTorch", () => {
    for (const g of golden.init.gains) expectClose(nn.init.calculateGain(g.nonlinearity, g.param ?? undefined), g.gain, `gain ${g.nonlinearity}`);
  });
  it("initialises Linear within PyTorch's bounds U(±1/√inFeatures)", () => {
    for (const b of golden.init.linearBounds) {
      expectClose(b.weightBound, b.biasBound, "kaiming_uniform(a=√5) bound equals 1/√fan_in");
      const layer = new nn.Linear(b.inFeatures, b.outFeatures);
      const w = Array.from(layer.weight.data), bias = Array.from(layer.bias!.data);
      expect(Math.max(...w.map(Math.abs))).toBeLessThanOrEqual(b.weightBound);
      expect(Math.max(...bias.map(Math.abs))).toBeLessThanOrEqual(b.biasBound);
      if (w.length >= 1000) expect(Math.max(...w.map(Math.abs))).toBeGreaterThan(0.95 * b.weightBound);
    }
  });
  it("gives linspace's values", () => {
    for (const c of golden.linspace) expectClose(linspace(c.start, c.end, c.steps).data, c.values, `linspace(${c.start}, ${c.end}, ${c.steps})`);
  });
});
