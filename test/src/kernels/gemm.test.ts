import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { gemm } from "../../../src/kernels/gemm";
import { gemmJs } from "../../../src/kernels/gemm-js";
import { gemmWasm } from "../../../src/kernels/gemm-wasm";
import { wasmKernelPaths, wasmKernels } from "../../../src/kernels/wasm";
import { BUILDS, rng } from "./test-support";

const VARIANTS: [boolean, boolean][] = [[false, false], [false, true], [true, false], [true, true]];

function operands(M: number, N: number, K: number, seed: number): [Float64Array, Float64Array] {
  const next = rng(seed);
  return [Float64Array.from({ length: M * K }, () => next() * 2 - 1), Float64Array.from({ length: K * N }, () => next() * 2 - 1)];
}

// Checks |got − want| ≤ 1e-12 · Σ_k |op(A)ik·op(B)kj| element by element: relative to the size of
// the terms, which is what summation order can change.
function expectClose(got: ArrayLike<number>, tA: boolean, tB: boolean, M: number, N: number, K: number, A: Float64Array, B: Float64Array): void {
  const want = new Float64Array(M * N);
  gemmJs(tA, tB, M, N, K, A, B, want);
  const absA = A.map(Math.abs), absB = B.map(Math.abs);
  const scale = new Float64Array(M * N);
  gemmJs(tA, tB, M, N, K, absA, absB, scale);
  expect(got.length).toBe(M * N);
  for (let i = 0; i < M * N; i++) {
    if (Math.abs(got[i] - want[i]) > 1e-12 * scale[i]) {
      throw new Error(`element ${i} of ${M}×${N}×${K} (transA=${tA}, transB=${tB}): ${got[i]} vs ${want[i]}`);
    }
  }
}

it("finds both builds in dist/src/kernels", () => {
  const { simd, fma } = wasmKernelPaths();
  expect(simd.replace(/\\/g, "/")).toMatch(/\/dist\/src\/kernels\/kernels\.wasm$/);
  expect(existsSync(simd) && existsSync(fma)).toBe(true);
  expect([simd, fma]).toContain(wasmKernels().path);
});

describe.each(BUILDS)("gemmWasm, %s build", (_name, load) => {
  const kernel = load();

  it("matches the plain loops on edge shapes: 1, odd, primes, non-square, every transpose", () => {
    const shapes = [[1, 1, 1], [1, 7, 1], [7, 1, 1], [1, 1, 13], [3, 5, 7], [4, 4, 4], [5, 4, 3], [13, 17, 19], [31, 2, 97], [2, 61, 3], [97, 89, 83], [4, 256, 1]];
    shapes.forEach(([M, N, K], s) => {
      for (const [tA, tB] of VARIANTS) {
        const [A, B] = operands(M, N, K, s);
        expectClose(gemmWasm(tA, tB, M, N, K, A, B, kernel), tA, tB, M, N, K, A, B);
      }
    });
  });

  it("matches across the cache blocks (K > 256, M > 256, N > 512 and their remainders)", () => {
    for (const [M, N, K] of [[5, 3, 521], [263, 6, 9], [3, 523, 7], [37, 41, 300]]) {
      for (const [tA, tB] of VARIANTS) {
        const [A, B] = operands(M, N, K, M + N + K);
        expectClose(gemmWasm(tA, tB, M, N, K, A, B, kernel), tA, tB, M, N, K, A, B);
      }
    }
  });

  it("matches on random shapes", () => {
    const next = rng(7);
    for (let trial = 0; trial < 40; trial++) {
      const [M, N, K] = [1 + Math.floor(next() * 70), 1 + Math.floor(next() * 70), 1 + Math.floor(next() * 70)];
      const [tA, tB] = VARIANTS[trial % 4];
      const [A, B] = operands(M, N, K, trial);
      expectClose(gemmWasm(tA, tB, M, N, K, A, B, kernel), tA, tB, M, N, K, A, B);
    }
  });

  it("returns zeros when K is 0 and an empty array when M or N is 0", () => {
    expect(Array.from(gemmWasm(false, false, 2, 3, 0, new Float64Array(0), new Float64Array(0), kernel))).toEqual([0, 0, 0, 0, 0, 0]);
    expect(gemmWasm(false, true, 0, 3, 4, new Float64Array(0), new Float64Array(12), kernel).length).toBe(0);
    expect(gemmWasm(true, false, 3, 0, 4, new Float64Array(12), new Float64Array(0), kernel).length).toBe(0);
  });

  it("does not let one product's data leak into the next, smaller one", () => {
    const [A, B] = operands(64, 64, 64, 1);
    gemmWasm(false, false, 64, 64, 64, A, B, kernel);
    const [a, b] = operands(5, 6, 3, 2);
    expectClose(gemmWasm(false, false, 5, 6, 3, a, b, kernel), false, false, 5, 6, 3, a, b);
  });
});

describe("gemm", () => {
  it("matches the plain loops for every size across the WASM threshold", () => {
    for (let n = 2; n <= 6; n++) {
      for (const [M, N, K] of [[n, n, n], [n, n + 1, n - 1], [n - 1, n, n + 1]]) {
        for (const [tA, tB] of VARIANTS) {
          const [A, B] = operands(M, N, K, n);
          expectClose(gemm(tA, tB, M, N, K, A, B), tA, tB, M, N, K, A, B);
        }
      }
    }
  });

  it("gives NaN for 0·Infinity below and above the threshold, as PyTorch does", () => {
    for (const n of [1, 8]) {
      const A = new Float64Array(n * n), B = new Float64Array(n * n).fill(Infinity);
      expect(Array.from(gemm(false, false, n, n, n, A, B)).every(Number.isNaN)).toBe(true);
    }
  });

  it("rejects operands shorter than the shapes say, naming the sizes", () => {
    expect(() => gemm(false, false, 4, 4, 4, new Float64Array(15), new Float64Array(16))).toThrow(/A has 15 values, needs 16/);
  });
});
