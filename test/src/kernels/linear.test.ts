import { describe, expect, it } from "vitest";
import { gemmPaysInWasm } from "../../../src/kernels/gemm";
import { gemmJs } from "../../../src/kernels/gemm-js";
import { linearBackward, linearForward, type LinearNeeds } from "../../../src/kernels/linear";
import { rng } from "./test-support";

// Divided by 3 for full 53-bit mantissas: sums of the 32-bit values of rng alone would be exact in
// any order, and then the bit-for-bit check of db could not see a change of summation order.
const random = (n: number, next: () => number) => Float64Array.from({ length: n }, () => (next() * 2 - 1) / 3);

// [N, inF, outF]: below the WASM threshold (2×3×4, 9×2×3, 1×100×1 a single dot product), just above it
// (3×5×7, 64×1×1, 1×64×3), W4's layers (200×16×16, 200×16×2), odd outF and sizes across the
// GEMM's cache blocks (37×300×13, 263×9×5).
const SHAPES: [number, number, number][] = [
  [2, 3, 4], [9, 2, 3], [1, 100, 1], [3, 5, 7], [64, 1, 1], [1, 64, 3], [200, 16, 16], [200, 16, 2], [17, 9, 11], [37, 300, 13], [263, 9, 5],
];

const NEEDS: LinearNeeds[] = [0, 1, 2, 3, 4, 5, 6, 7].map((m) => ({ x: (m & 1) !== 0, w: (m & 2) !== 0, b: (m & 4) !== 0 }));

/** C = op(A)·op(B) with the plain loops, and the same product of |A|, |B| (the size of its terms). */
function product(tA: boolean, tB: boolean, M: number, N: number, K: number, A: Float64Array, B: Float64Array): [Float64Array, Float64Array] {
  const C = new Float64Array(M * N), scale = new Float64Array(M * N);
  gemmJs(tA, tB, M, N, K, A, B, C);
  gemmJs(tA, tB, M, N, K, A.map(Math.abs), B.map(Math.abs), scale);
  return [C, scale];
}

/** Throws unless |got − want| ≤ 1e-12 · scale element by element (summation order may differ). */
function expectClose(got: ArrayLike<number> | null, want: Float64Array, scale: Float64Array, what: string): void {
  expect(got, what).not.toBeNull();
  expect(got!.length, what).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    if (!(Math.abs(got![i] - want[i]) <= 1e-12 * scale[i])) throw new Error(`${what}, element ${i}: ${got![i]} vs ${want[i]}`);
  }
}

/** Throws unless got and want have the same bits. */
function expectSameBits(got: ArrayLike<number> | null, want: Float64Array, what: string): void {
  expect(got, what).not.toBeNull();
  expect(got!.length, what).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    if (!Object.is(got![i], want[i])) throw new Error(`${what}, element ${i}: ${got![i]} vs ${want[i]}`);
  }
}

/** Column sums of the N×outF g, each in row order: the reference for db. */
function columnSums(g: Float64Array, N: number, outF: number): Float64Array {
  const out = new Float64Array(outF);
  for (let i = 0; i < N; i++) for (let j = 0; j < outF; j++) out[j] += g[i * outF + j];
  return out;
}

const label = ([N, inF, outF]: number[]) => `x [${N},${inF}], W [${outF},${inF}]`;

describe.each(SHAPES)("the linear layer on N=%i, in=%i, out=%i", (N, inF, outF) => {
  const next = rng(N * 1000 + inF * 10 + outF);
  const x = random(N * inF, next), w = random(outF * inF, next), b = random(outF, next), g = random(N * outF, next);
  const where = label([N, inF, outF]);

  it(`forward equals x·Wᵀ + b from the plain loops (${gemmPaysInWasm(N, outF, inF, outF) ? "WASM" : "JS"} path), with and without bias`, () => {
    const [xw, scale] = product(false, true, N, outF, inF, x, w);
    expectClose(linearForward(x, w, null, N, inF, outF), xw, scale, `${where}, no bias`);
    const withBias = xw.map((v, i) => v + b[i % outF]);
    const biasScale = scale.map((v, i) => v + Math.abs(b[i % outF]));
    expectClose(linearForward(x, w, b, N, inF, outF), withBias, biasScale, `${where}, bias`);
  });

  it(`backward gives g·W, gᵀ·x and column sums, only those needed (${gemmPaysInWasm(N, inF, outF, N * inF + outF) ? "WASM" : "JS"} path)`, () => {
    const [dx, dxScale] = product(false, false, N, inF, outF, g, w);
    const [dw, dwScale] = product(true, false, outF, inF, N, g, x);
    const db = columnSums(g, N, outF);
    for (const need of NEEDS) {
      const what = `${where}, need ${JSON.stringify(need)}`;
      const got = linearBackward(g, x, w, N, inF, outF, need);
      if (need.x) expectClose(got.dx, dx, dxScale, `dx of ${what}`);
      else expect(got.dx, what).toBeNull();
      if (need.w) expectClose(got.dw, dw, dwScale, `dW of ${what}`);
      else expect(got.dw, what).toBeNull();
      if (need.b) expectSameBits(got.db, db, `db of ${what}`);
      else expect(got.db, what).toBeNull();
    }
  });

  it("leaves its operands unchanged", () => {
    const copies = [x, w, b, g].map((a) => a.slice());
    linearForward(x, w, b, N, inF, outF);
    linearBackward(g, x, w, N, inF, outF, { x: true, w: true, b: true });
    [x, w, b, g].forEach((a, i) => expectSameBits(a, copies[i], `operand ${i}`));
  });
});

describe("the linear layer's paths", () => {
  it("the shapes above run both the plain loops and WASM, forward and backward", () => {
    const forward = SHAPES.map(([N, inF, outF]) => gemmPaysInWasm(N, outF, inF, outF));
    const backward = SHAPES.map(([N, inF, outF]) => gemmPaysInWasm(N, inF, outF, N * inF + outF));
    expect(new Set(forward)).toEqual(new Set([true, false]));
    expect(new Set(backward)).toEqual(new Set([true, false]));
  });

  it("a large product does not leak into the next, smaller one", () => {
    const next = rng(5);
    const big = [200, 16, 16] as const;
    linearBackward(random(200 * 16, next), random(200 * 16, next), random(16 * 16, next), ...big, { x: true, w: true, b: true });
    const g = random(3 * 7, next), x = random(3 * 5, next), w = random(7 * 5, next);
    expect(gemmPaysInWasm(3, 5, 7, 3 * 5 + 7)).toBe(true);
    const got = linearBackward(g, x, w, 3, 5, 7, { x: false, w: true, b: true });
    const [dw, scale] = product(true, false, 7, 5, 3, g, x);
    expectClose(got.dw, dw, scale, "dW after a large product");
    expectSameBits(got.db, columnSums(g, 3, 7), "db after a large product");
  });
});
