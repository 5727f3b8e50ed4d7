// The float32 kernels of both WASM builds: gemm32 against the plain loops in float64 (to the
// rounding a float32 sum of K terms may carry), tanh32 against its JS twin bit for bit, and the
// float32 paths of tanhArray/tanhGrad below and above the WASM threshold.
import { describe, expect, it } from "vitest";
import { gemmJs } from "../../../src/kernels/gemm-js";
import { gemmWasm } from "../../../src/kernels/gemm-wasm";
import { TANH_WASM_MIN_LENGTH, tanhArray, tanhGrad, tanhScalar32 } from "../../../src/kernels/tanh";
import { copyIn, layout, type WasmKernels } from "../../../src/kernels/wasm";
import { BUILDS, rng } from "./test-support";

const VARIANTS: [boolean, boolean][] = [[false, false], [false, true], [true, false], [true, true]];
const floats = (n: number, seed: number, scale = 1) => {
  const next = rng(seed);
  return Float32Array.from({ length: n }, () => (next() * 2 - 1) * scale);
};

/** |got − exact| ≤ K·2⁻²⁴·Σ|terms| (+ one rounding of the result): what K float32 additions can lose. */
function expectFloat32Product(got: ArrayLike<number>, tA: boolean, tB: boolean, M: number, N: number, K: number, A: Float32Array, B: Float32Array): void {
  const exact = new Float64Array(M * N), scale = new Float64Array(M * N);
  gemmJs(tA, tB, M, N, K, Float64Array.from(A), Float64Array.from(B), exact);
  gemmJs(tA, tB, M, N, K, Float64Array.from(A, Math.abs), Float64Array.from(B, Math.abs), scale);
  for (let i = 0; i < M * N; i++) {
    const bound = (K + 1) * 2 ** -24 * scale[i];
    if (!(Math.abs(got[i] - exact[i]) <= bound)) throw new Error(`element ${i} of ${M}×${N}×${K} (tA=${tA}, tB=${tB}): ${got[i]} vs ${exact[i]} (bound ${bound})`);
  }
}

function wasmTanh32(k: WasmKernels, x: Float32Array): Float32Array {
  const [at] = layout(k, "float32", x.length);
  copyIn(k, x, x.length, at);
  k.exports.tanh32(at, at, x.length);
  return k.f32.slice(at / 4, at / 4 + x.length);
}

const sameBits = (got: ArrayLike<number>, want: ArrayLike<number>, what: string) => {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < got.length; i++) if (!Object.is(got[i], want[i])) throw new Error(`${what} at ${i}: ${got[i]} vs ${want[i]}`);
};

const SPECIALS = Float32Array.from([0, -0, 1e-30, -1e-30, 1e-40, 0.5, 1, 8.9, 9.1, 20, -20, 100, Infinity, -Infinity, NaN, 3.4e38, -3.4e38]);

describe.each(BUILDS)("float32 kernels, %s build", (_name, load) => {
  const kernel = load();

  it("gemm32 matches the exact product on edge shapes, across cache blocks, for every transpose", () => {
    const shapes = [[1, 1, 1], [1, 9, 1], [7, 1, 3], [3, 5, 7], [4, 8, 4], [5, 9, 3], [13, 17, 19], [97, 89, 83], [5, 3, 521], [263, 6, 9], [3, 1030, 7]];
    shapes.forEach(([M, N, K], s) => {
      for (const [tA, tB] of VARIANTS) {
        const A = floats(M * K, 2 * s + 1), B = floats(K * N, 2 * s + 2);
        const C = gemmWasm(tA, tB, M, N, K, A, B, kernel);
        expect(C).toBeInstanceOf(Float32Array);
        expectFloat32Product(C, tA, tB, M, N, K, A, B);
      }
    });
  });

  it("tanh32 gives the bits of tanhScalar32 on a dense float32 grid and on special values", () => {
    const grid = Float32Array.from({ length: 200_001 }, (_, i) => -12 + i / 8333);
    sameBits(wasmTanh32(kernel, grid), grid.map(tanhScalar32), "grid");
    sameBits(wasmTanh32(kernel, SPECIALS), SPECIALS.map(tanhScalar32), "specials");
    for (const x of SPECIALS) sameBits(wasmTanh32(kernel, Float32Array.of(x)), [tanhScalar32(x)], `tail lane ${x}`);
  });
});

describe("float32 tanhArray and tanhGrad", () => {
  const LENGTHS = [1, 3, TANH_WASM_MIN_LENGTH - 1, TANH_WASM_MIN_LENGTH, TANH_WASM_MIN_LENGTH + 3, 3201];

  it("stay float32, equal tanhScalar32 and the float32 g·(1 − y²) below and above the WASM threshold", () => {
    for (const n of LENGTHS) {
      const x = floats(n, n, 6), g = floats(n, n + 1);
      const y = tanhArray(x);
      expect(y).toBeInstanceOf(Float32Array);
      sameBits(y, x.map(tanhScalar32), `tanhArray (n = ${n})`);
      const f = Math.fround;
      sameBits(tanhGrad(g, y), Float32Array.from(g, (v, i) => f(v * f(1 - f(y[i] * y[i])))), `tanhGrad (n = ${n})`);
    }
  });

  it("is the float32 nearest to tanh (to within one float32 step of Math.tanh)", () => {
    const x = floats(5000, 9, 10), y = tanhArray(x);
    for (let i = 0; i < x.length; i++) {
      const want = Math.tanh(x[i]), ulp = Math.max(2 ** -149, 2 ** (Math.floor(Math.log2(Math.abs(want) || 1)) - 23));
      if (Math.abs(y[i] - want) > ulp) throw new Error(`tanh(${x[i]}) = ${y[i]}, Math.tanh gives ${want}`);
    }
  });
});
