// The optimizers' WASM updates (large parameters) give the plain loops' bits (small parameters):
// one parameter above the threshold against the same values as one-value parameters, over a few
// steps of every SGD variant and Adam, in both dtypes, with an odd length (the kernels' tail).
import { describe, expect, it } from "vitest";
import { optim, tensor, type Tensor } from "gradlab";
import { OPTIM_WASM_MIN_LENGTH } from "../../../src/kernels/optim";
import { rng } from "./test-support";

const N = OPTIM_WASM_MIN_LENGTH + 3;
const SPECIALS = [0, -0, 1e-30, -1e-30, 3e38, Infinity, -Infinity, NaN];

type Make = (ps: Tensor[]) => optim.Optimizer;
const CASES: [string, Make][] = [
  ["SGD", (ps) => new optim.SGD(ps, { lr: 0.1 })],
  ["SGD, weight decay", (ps) => new optim.SGD(ps, { lr: 0.1, weightDecay: 0.01 })],
  ["SGD, momentum", (ps) => new optim.SGD(ps, { lr: 0.1, momentum: 0.9 })],
  ["SGD, momentum, dampening, weight decay", (ps) => new optim.SGD(ps, { lr: 0.07, momentum: 0.8, dampening: 0.3, weightDecay: 0.02 })],
  ["SGD, Nesterov", (ps) => new optim.SGD(ps, { lr: 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.01 })],
  ["Adam", (ps) => new optim.Adam(ps, { lr: 0.01 })],
  ["Adam, weight decay", (ps) => new optim.Adam(ps, { lr: 0.01, betas: [0.8, 0.99], eps: 1e-6, weightDecay: 0.05 })],
];

describe.each(["float64", "float32"] as const)("optimizer updates in %s", (dtype) => {
  it.each(CASES)("%s: the WASM update of a large parameter equals the loop over small ones", (_, make) => {
    const next = rng(N);
    const values = Array.from({ length: N }, (_, i) => (i < SPECIALS.length ? SPECIALS[i] : next() * 4 - 2));
    const big = tensor(values, { dtype, requiresGrad: true });
    const smalls = values.map((v) => tensor([v], { dtype, requiresGrad: true }));
    const optBig = make([big]), optSmall = make(smalls);
    for (let step = 0; step < 3; step++) {
      const grads = Array.from({ length: N }, (_, i) => (i === N - 1 && step === 1 ? NaN : next() * 2 - 1));
      big.grad = tensor(grads, { dtype });
      smalls.forEach((s, i) => (s.grad = tensor([grads[i]], { dtype })));
      optBig.step();
      optSmall.step();
      for (let i = 0; i < N; i++) {
        if (!Object.is(big.data[i], smalls[i].data[0])) throw new Error(`step ${step}, value ${i} (start ${values[i]}): ${big.data[i]} vs ${smalls[i].data[0]}`);
      }
    }
    expect(big.data).toBeInstanceOf(dtype === "float32" ? Float32Array : Float64Array);
  });
});
