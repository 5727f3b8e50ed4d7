// gradlab's linalg against PyTorch (test/golden/linalg.json, made by make_linalg_golden.py in
// float64): singular values exactly, U and V up to a sign per column, solve and inverse.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { linalg, matmul, tensor, Tensor } from "gradlab";

interface LinalgGolden {
  svd: Record<string, { a: number[][]; S: number[]; U: number[][]; V: number[][] }>;
  solve: Record<string, { a: number[][]; b: number[] | number[][]; x: number[] | number[][] }>;
  inv: Record<string, { a: number[][]; inv: number[][] }>;
}
const golden: LinalgGolden = JSON.parse(readFileSync(join(__dirname, "../golden/linalg.json"), "utf8"));

function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, what: string, tol = 1e-9): void {
  expect(got.length, `${what}: length`).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    if (!(Math.abs(got[i] - want[i]) <= tol * Math.max(1, Math.abs(want[i])))) expect.fail(`${what}[${i}]: gradlab ${got[i]}, PyTorch ${want[i]}`);
  }
}

/** Column j of a row-major [rows, cols] tensor. */
const column = (t: Tensor, j: number): number[] => Array.from({ length: t.shape[0] }, (_, i) => t.data[i * t.shape[1] + j]);

describe("linalg.svd", () => {
  for (const [name, g] of Object.entries(golden.svd)) {
    it(`matches torch.svd on ${name}: S exactly, U and V up to column signs, and U·diag(S)·Vᵀ = A`, () => {
      const { U, S, V } = linalg.svd(tensor(g.a));
      const k = g.S.length;
      expect(U.shape).toEqual([g.a.length, k]);
      expect(V.shape).toEqual([g.a[0].length, k]);
      expectClose(S.data, g.S, `${name} S`);
      const want = { U: tensor(g.U), V: tensor(g.V) };
      for (let j = 0; j < k; j++) {
        if (g.S[j] < 1e-9 * g.S[0]) continue; // torch picks an arbitrary basis for a zero singular value
        const u = column(U, j), wu = column(want.U, j);
        const sign = Math.sign(u.reduce((s, v, i) => s + v * wu[i], 0));
        expectClose(u.map((v) => v * sign), wu, `${name} U[:, ${j}]`, 1e-8);
        expectClose(column(V, j).map((v) => v * sign), column(want.V, j), `${name} V[:, ${j}]`, 1e-8);
      }
      const rebuilt = matmul(U.mul(S), V.T);
      expectClose(rebuilt.data, tensor(g.a).data, `${name} U·diag(S)·Vᵀ`);
    });
  }

  it("returns orthonormal columns even when singular values are zero", () => {
    const { U, S, V } = linalg.svd(tensor(golden.svd.rank_one_4x3.a));
    expect(S.data[1]).toBe(0);
    expectClose(matmul(U.T, U).data, [1, 0, 0, 0, 1, 0, 0, 0, 1], "UᵀU", 1e-12);
    expectClose(matmul(V.T, V).data, [1, 0, 0, 0, 1, 0, 0, 0, 1], "VᵀV", 1e-12);
  });

  it("has no gradient and rejects what is not a matrix", () => {
    const a = tensor([[1, 2], [3, 4]], { requiresGrad: true });
    expect(linalg.svd(a).S.requiresGrad).toBe(false);
    expect(() => linalg.svd(tensor([1, 2, 3]))).toThrow("linalg.svd: expected a matrix (a 2-D tensor), got shape [3]");
  });
});

describe("linalg.solve and linalg.inv", () => {
  for (const [name, g] of Object.entries(golden.solve)) {
    it(`solve matches torch.linalg.solve for ${name}`, () => {
      const x = linalg.solve(tensor(g.a), tensor(g.b));
      expect(x.shape).toEqual(tensor(g.b).shape);
      expectClose(x.data, tensor(g.x).data, name);
    });
  }
  for (const [name, g] of Object.entries(golden.inv)) {
    it(`inv matches torch.linalg.inv for ${name}`, () => {
      expectClose(linalg.inv(tensor(g.a)).data, tensor(g.inv).data, name);
    });
  }

  it("names the problem for singular matrices and mismatched shapes", () => {
    expect(() => linalg.inv(tensor([[1, 2], [2, 4]]))).toThrow("linalg.inv: the matrix is singular");
    expect(() => linalg.solve(tensor([[1, 0], [0, 1]]), tensor([1, 2, 3]))).toThrow("linalg.solve: A is [2, 2], so B must be [2] or [2, k], got [3]");
    expect(() => linalg.inv(tensor([[1, 2, 3], [4, 5, 6]]))).toThrow("linalg.inv: expected a square matrix, got shape [2, 3]");
  });
});
