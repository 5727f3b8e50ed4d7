// Long-lived arrays in the kernels' memory: large ones live there (small ones are plain arrays),
// start at zero, never overlap each other or a call's operands, and the kernels that read or update
// them in place give the same values as on copies.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { nn, optim, tensor } from "gradlab";
import { linearForward } from "../../../src/kernels/linear";
import { longLivedCopy, longLivedStorage, RESIDENT_MIN_LENGTH, residentAt } from "../../../src/kernels/resident";
import { wasmKernels } from "../../../src/kernels/wasm";
import { rng } from "./test-support";

const random = (n: number, seed: number) => {
  const next = rng(seed);
  return Float32Array.from({ length: n }, () => next() * 2 - 1);
};

describe("long-lived storage", () => {
  it("puts large arrays in the kernels' memory, zero-filled and disjoint, and leaves small ones plain", () => {
    const k = wasmKernels();
    expect(residentAt(k, longLivedStorage("float64", RESIDENT_MIN_LENGTH - 1))).toBe(-1);
    const arrays = [longLivedStorage("float64", RESIDENT_MIN_LENGTH), longLivedStorage("float32", 3000), longLivedStorage("float64", 5000)];
    const spans = arrays.map((a) => [residentAt(k, a), residentAt(k, a) + a.byteLength]).sort((a, b) => a[0] - b[0]);
    for (const [start] of spans) expect(start).toBeGreaterThanOrEqual(0);
    for (let i = 1; i < spans.length; i++) expect(spans[i][0]).toBeGreaterThanOrEqual(spans[i - 1][1]);
    for (const a of arrays) expect(a.every((v) => v === 0)).toBe(true);
    // A call's operands go above every block.
    for (const [, end] of spans) expect(k.arrays).toBeGreaterThanOrEqual(end);
  });

  it("gives a collected array's block back: the next array of its size takes it, and the top comes down", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const k = wasmKernels();
    const collect = async () => {
      for (let i = 0; i < 3; i++) {
        gc();
        await new Promise((done) => setTimeout(done, 10)); // finalizers run in a later task
      }
    };
    await collect();
    const top = k.arrays;
    let dropped: Float64Array | null = longLivedStorage("float64", 8192) as Float64Array;
    const at = residentAt(k, dropped);
    let keep: Float64Array | null = longLivedStorage("float64", 8192) as Float64Array;
    dropped = null;
    await collect();
    expect(residentAt(k, longLivedStorage("float64", 8192))).toBe(at);
    expect(residentAt(k, keep)).toBeGreaterThan(at);
    keep = null;
    await collect();
    expect(k.arrays).toBe(top); // all three collected: nothing above the old top
  });

  it("survives the memory growing and the calls after it: a product that needs more memory leaves it intact", () => {
    const kept = longLivedCopy(random(4096, 1), "float32");
    const before = Float32Array.from(kept);
    const big = random(1000 * 1000, 2);
    linearForward(big, big, null, 1000, 1000, 1000); // grows the memory, writes a call's arrays
    expect(Array.from(kept)).toEqual(Array.from(before));
  });

  it("gives nn.Linear's products and SGD's updates the values of plain arrays", () => {
    const layer = new nn.Linear(64, 32, { dtype: "float32" });
    expect(residentAt(wasmKernels(), layer.weight.data)).toBeGreaterThanOrEqual(0);
    const x = tensor(Array.from(random(16 * 64, 3)), { dtype: "float32" }).reshape(16, 64);
    const plainW = tensor(Array.from(layer.weight.data), { dtype: "float32", requiresGrad: true }).reshape(32, 64);
    expect(Array.from(linearForward(x.data, layer.weight.data, null, 16, 64, 32))).toEqual(Array.from(linearForward(x.data, plainW.data, null, 16, 64, 32)));
    const plain = tensor(Array.from(layer.weight.data), { dtype: "float32", requiresGrad: true });
    const opts = { lr: 0.1, momentum: 0.9, nesterov: true };
    const a = new optim.SGD([layer.weight], opts), b = new optim.SGD([plain], opts);
    for (let step = 0; step < 3; step++) {
      const g = Array.from(random(32 * 64, 10 + step));
      layer.weight.grad = tensor(g, { dtype: "float32" }).reshape(32, 64);
      plain.grad = tensor(g, { dtype: "float32" });
      a.step();
      b.step();
    }
    expect(Array.from(layer.weight.data)).toEqual(Array.from(plain.data));
    expect(Array.from(layer.weight.data)).not.toEqual(Array.from(plainW.data));
  });
});
