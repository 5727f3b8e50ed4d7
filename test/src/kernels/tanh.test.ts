import { describe, expect, it } from "vitest";
import { TANH_WASM_MIN_LENGTH as THRESHOLD, tanhArray, tanhGrad, tanhScalar } from "../../../src/kernels/tanh";
import { copyIn, layout, type WasmKernels } from "../../../src/kernels/wasm";
import { BUILDS, rng } from "./test-support";

/** The float64 `steps` ulps away from x (towards +∞ for positive steps, for x > 0). */
function ulpStep(x: number, steps: number): number {
  const f = new Float64Array([x]);
  const bits = new BigInt64Array(f.buffer);
  bits[0] += BigInt(steps);
  return f[0];
}

/** A dense grid over [-25, 25]: 400,001 points (odd, so the kernel's one-lane tail runs too). */
const GRID = Float64Array.from({ length: 400_001 }, (_, i) => -25 + i / 8000);

// Where the range reduction t = 2|x| = k·ln2 + r switches k (|x| = (k + ½)·ln2/2), the multiples of
// ln2/2 themselves, and a few ulps either side of each, for every k that |x| ≤ 20 reaches.
const SWITCHES = Array.from({ length: 2 * 58 }, (_, j) => (j / 2) * (Math.LN2 / 2))
  .filter((a) => a > 0)
  .flatMap((a) => [-3, -1, 0, 1, 3].map((s) => ulpStep(a, s)))
  .flatMap((a) => [a, -a]);

const SPECIALS = [
  0, -0, 1e-300, -1e-300, 5e-324, -5e-324, 1e-9, -1e-9, 1e-17, 2 ** -28, 0.5, 1,
  20, -20, 20.000001, -20.000001, ulpStep(20, -1), ulpStep(20, 1), 700, -700,
  Infinity, -Infinity, NaN, Number.MAX_VALUE, -Number.MAX_VALUE, ...SWITCHES,
];

/** The raw `tanh` export of one build over x (through its memory, as src/kernels/tanh.ts does). */
function wasmTanh(k: WasmKernels, x: Float64Array): Float64Array {
  const [at] = layout(k, "float64", x.length);
  copyIn(k, x, x.length, at);
  k.exports.tanh(at, at, x.length);
  return k.f64.slice(at / 8, at / 8 + x.length);
}

/** The raw `tanhBackward` export of one build. */
function wasmTanhBackward(k: WasmKernels, g: Float64Array, y: Float64Array): Float64Array {
  const n = g.length;
  const [gAt, yAt, outAt] = layout(k, "float64", n, n, n);
  copyIn(k, g, n, gAt);
  copyIn(k, y, n, yAt);
  k.exports.tanhBackward(gAt, yAt, outAt, n);
  return k.f64.slice(outAt / 8, outAt / 8 + n);
}

/** Throws naming the first index where got and want differ in their bits (NaN equals NaN). */
function expectSameBits(got: ArrayLike<number>, want: ArrayLike<number>, inputs: ArrayLike<number>, what: string): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < got.length; i++) {
    if (!Object.is(got[i], want[i])) throw new Error(`${what} at index ${i} (input ${inputs[i]}): ${got[i]} vs ${want[i]}`);
  }
}

/** g·(1 − y²) in JS: the reference tanhGrad and tanhBackward must match bit for bit. */
const jsGrad = (g: ArrayLike<number>, y: ArrayLike<number>) => Float64Array.from(g, (v, i) => v * (1 - y[i] * y[i]));

const randomArray = (n: number, seed: number, scale = 6) => {
  const next = rng(seed);
  return Float64Array.from({ length: n }, () => (next() * 2 - 1) * scale);
};

describe.each(BUILDS)("the WASM tanh kernel, %s build", (_name, load) => {
  const kernel = load();
  const grid = wasmTanh(kernel, GRID);
  const specials = Float64Array.from(SPECIALS);

  it("gives the same bits as tanhScalar on a dense grid over [-25, 25]", () => {
    expectSameBits(grid, GRID.map(tanhScalar), GRID, "WASM vs tanhScalar");
  });

  it("gives the same bits as tanhScalar on special values, in an array and one at a time (tail lane)", () => {
    expectSameBits(wasmTanh(kernel, specials), SPECIALS.map(tanhScalar), SPECIALS, "WASM vs tanhScalar");
    for (const x of SPECIALS) expectSameBits(wasmTanh(kernel, new Float64Array([x])), [tanhScalar(x)], [x], "WASM (n = 1) vs tanhScalar");
  });

  it("keeps the sign of zero, saturates to ±1 and propagates NaN", () => {
    const got = wasmTanh(kernel, Float64Array.from([0, -0, 20.000001, -20.000001, 700, -700, Infinity, -Infinity, NaN]));
    expectSameBits(got, [0, -0, 1, -1, 1, -1, 1, -1, NaN], got, "tanh of specials");
  });

  // Measured on Node 20, both builds alike: at most 4.45e-16 relative (4 ulps, at x ≈ −0.2549) on
  // this grid and the specials; 4.73e-16 (x = −0.17785) on a 1,000,001-point grid over [-25, 25].
  it("is within 1e-15 relative of Math.tanh", () => {
    const xs = [...GRID, ...SPECIALS];
    const ys = [...grid, ...wasmTanh(kernel, specials)];
    let worst = 0, at = 0;
    xs.forEach((x, i) => {
      const want = Math.tanh(x);
      if (Number.isNaN(want)) return expect(ys[i]).toBeNaN();
      const rel = want === 0 ? Math.abs(ys[i]) : Math.abs(ys[i] - want) / Math.abs(want);
      if (rel > worst) [worst, at] = [rel, x];
    });
    expect(worst, `worst at x = ${at}`).toBeLessThanOrEqual(1e-15);
  });

  it("is exactly odd and never leaves [-1, 1]", () => {
    const xs = Float64Array.from([...GRID, ...SPECIALS]);
    const pos = wasmTanh(kernel, xs), neg = wasmTanh(kernel, xs.map((x) => -x));
    for (let i = 0; i < xs.length; i++) {
      if (!Object.is(neg[i], -pos[i])) throw new Error(`tanh(${-xs[i]}) = ${neg[i]} but tanh(${xs[i]}) = ${pos[i]}`);
      if (Math.abs(pos[i]) > 1) throw new Error(`tanh(${xs[i]}) = ${pos[i]} is outside [-1, 1]`);
    }
  });

  it("tanhBackward gives the bits of g·(1 − y²) in JS, odd lengths included", () => {
    for (const n of [1, 2, 3, 63, 64, 65, 3201]) {
      const g = randomArray(n, n), y = wasmTanh(kernel, randomArray(n, n + 1));
      expectSameBits(wasmTanhBackward(kernel, g, y), jsGrad(g, y), g, `tanhBackward (n = ${n})`);
    }
  });
});

describe("tanhArray and tanhGrad (the build this runtime uses)", () => {
  const LENGTHS = [0, 1, 2, 7, THRESHOLD - 1, THRESHOLD, THRESHOLD + 1, 99, 100, 3200, 3201];

  it("tanhArray equals tanhScalar element-wise below and above the WASM threshold", () => {
    for (const n of LENGTHS) {
      const x = randomArray(n, 10 + n, 25);
      expectSameBits(tanhArray(x), x.map(tanhScalar), x, `tanhArray (n = ${n})`);
    }
  });

  it("a value's tanh does not depend on the length of the array it sits in", () => {
    const small = tanhArray(specials(THRESHOLD - 1)), large = tanhArray(specials(THRESHOLD + 1));
    expectSameBits(large.subarray(0, THRESHOLD - 1), small, specials(THRESHOLD - 1), "long vs short array");
  });

  it("tanhGrad equals g·(1 − y²) in JS bit for bit, below and above the threshold", () => {
    for (const n of LENGTHS) {
      const g = randomArray(n, 20 + n), y = tanhArray(randomArray(n, 30 + n));
      expectSameBits(tanhGrad(g, y), jsGrad(g, y), g, `tanhGrad (n = ${n})`);
    }
  });

  it("leaves its inputs unchanged (WASM path)", () => {
    const x = randomArray(100, 1), g = randomArray(100, 2);
    const x0 = x.slice(), y = tanhArray(x);
    const [g0, y0] = [g.slice(), y.slice()];
    tanhGrad(g, y);
    expectSameBits(x, x0, x, "x");
    expectSameBits(g, g0, g, "g");
    expectSameBits(y, y0, y, "y");
  });
});

/** The first n special values, cycled. */
function specials(n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => SPECIALS[i % SPECIALS.length]);
}
