// Does the machine's FMA change a graded value? The same training in two fresh processes, one on the
// relaxed-SIMD FMA kernels (gradlab's Node flags) and one on plain SIMD128 (what a runtime without
// relaxed SIMD, or a CPU without FMA, computes): the results differ in their last bits (here
// ~1e-14 relative after 1847 epochs), and the grader's default tolerance passes them.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compareValues, defaultTolerance } from "../../../src/check/compare";
import { toCheckValue } from "../../../src/check/values";
import { gradlabNodeFlags } from "../../../src/node-flags";

const lib = join(__dirname, "../../../dist/src/index.js");
// The course's wide-network fit (the README's training loop, a graded test of notebook 02): 1847
// epochs of SGD with momentum on a 1-512-1 tanh network, then the loss and the parameters.
const TRAIN = `
const g = require(${JSON.stringify(lib)});
const kernel = require("node:path").basename(require(${JSON.stringify(join(__dirname, "../../../dist/src/kernels/wasm.js"))}).wasmKernels().path);
g.manualSeed(2021);
const x = g.linspace(-1, 1, 32).reshape(32, 1), y = x.mul(Math.PI).sin();
const model = new g.nn.Sequential(new g.nn.Linear(1, 512), new g.nn.Tanh(), new g.nn.Linear(512, 1));
const lossFn = new g.nn.MSELoss(), opt = new g.optim.SGD(model.parameters(), { lr: 0.003, momentum: 0.9 });
let loss;
for (let epoch = 0; epoch < 1847; epoch++) { opt.zeroGrad(); loss = lossFn.forward(model.forward(x), y); loss.backward(); opt.step(); }
console.log(JSON.stringify({ kernel, out: { loss: loss.item(), params: model.parameters().map((p) => Array.from(p.data)) } }));`;

function train(flags: string[]): { kernel: string; out: { loss: number; params: number[][] } } {
  const r = spawnSync(process.execPath, [...flags, "-e", TRAIN], { encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

describe.runIf(gradlabNodeFlags().length > 0)("FMA and non-FMA kernels", () => {
  it("give results that differ in the last bits only, within the grader's default tolerance", () => {
    const fma = train(gradlabNodeFlags()), plain = train([]);
    expect([fma.kernel, plain.kernel]).toEqual(["kernels-fma.wasm", "kernels.wasm"]);
    expect(fma.out).not.toEqual(plain.out); // the two really are different computations
    const c = compareValues(toCheckValue(fma.out), toCheckValue(plain.out), defaultTolerance);
    expect(c.passed, c.reason).toBe(true);
    expect(c.maxRelError!).toBeLessThan(defaultTolerance.rtol / 100);
  }, 120_000); // two 1847-epoch trainings in fresh processes: seconds on a quiet machine, more under load
});
