// relu's kernels give the plain loops' values in both dtypes, below and above the WASM threshold.
import { describe, expect, it } from "vitest";
import { relu, tensor } from "gradlab";
import { RELU_WASM_MIN_LENGTH, reluArray, reluGrad } from "../../../src/kernels/relu";
import { rng } from "./test-support";

const SPECIALS = [0, -0, NaN, Infinity, -Infinity, 1e-300, -1e-300, 3, -3];

describe.each([Float64Array, Float32Array])("relu on a %s", (Arr) => {
  for (const n of [5, RELU_WASM_MIN_LENGTH - 1, RELU_WASM_MIN_LENGTH, RELU_WASM_MIN_LENGTH + 3, 5000]) {
    it(`keeps positives and NaN, zeroes the rest, and passes the gradient where x > 0 (n = ${n})`, () => {
      const next = rng(n);
      const x = new Arr(Array.from({ length: n }, (_, i) => (i < SPECIALS.length ? SPECIALS[i] : next() * 2 - 1)));
      const g = new Arr(Array.from({ length: n }, () => next() * 4 - 2));
      const y = reluArray(x), dx = reluGrad(x, g);
      expect(y).toBeInstanceOf(Arr);
      expect(dx).toBeInstanceOf(Arr);
      for (let i = 0; i < n; i++) {
        const want = Number.isNaN(x[i]) ? NaN : x[i] > 0 ? x[i] : 0;
        if (!Object.is(y[i], want)) throw new Error(`relu(${x[i]}) = ${y[i]} at ${i}`);
        if (!Object.is(dx[i], x[i] > 0 ? g[i] : 0)) throw new Error(`relu'(${x[i]})·${g[i]} = ${dx[i]} at ${i}`);
      }
    });
  }
});

it("relu propagates NaN as PyTorch's torch.relu does", () => {
  expect(relu(tensor([NaN, -1, 2])).toArray()).toEqual([NaN, 0, 2]);
});
