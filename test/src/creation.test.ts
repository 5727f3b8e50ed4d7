// Factory functions: shapes as an array or as separate numbers, data copied into float64.
import { describe, expect, it } from "vitest";
import { arange, eye, full, ones, rand, randn, tensor, zeros, zerosLike } from "gradlab";

describe("creation", () => {
  it("accepts a shape as an array or as separate numbers, with options last", () => {
    expect(zeros(2, 3).shape).toEqual([2, 3]);
    expect(zeros([2, 3]).shape).toEqual([2, 3]);
    expect(ones([2], { requiresGrad: true }).requiresGrad).toBe(true);
    expect(randn(2, 3).shape).toEqual(randn([2, 3]).shape);
    expect(rand(4).shape).toEqual([4]);
    expect(zerosLike(ones(3, 1)).toArray()).toEqual([[0], [0], [0]]);
  });
  it("copies nested arrays, numbers and typed arrays; a Float32Array stays float32 (as numpy's float32 in PyTorch)", () => {
    const src = new Float32Array([1.5, 2.5]);
    const t = tensor(src);
    src[0] = 9;
    expect(t.toArray()).toEqual([1.5, 2.5]);
    expect(t.data).toBeInstanceOf(Float32Array);
    expect(tensor(new Float64Array([1])).data).toBeInstanceOf(Float64Array);
    expect(tensor([1, 2]).data).toBeInstanceOf(Float64Array);
    expect(tensor(3).shape).toEqual([]);
    expect(tensor([[1, 2, 3]]).shape).toEqual([1, 3]);
    expect(tensor([true, false]).toArray()).toEqual([1, 0]);
    expect(tensor([[]]).shape).toEqual([1, 0]);
  });
  it("makes ranges, filled tensors and identities", () => {
    expect(arange(4).toArray()).toEqual([0, 1, 2, 3]);
    expect(arange(1, 2, 0.25).toArray()).toEqual([1, 1.25, 1.5, 1.75]);
    expect(arange(3, 0, -1).toArray()).toEqual([3, 2, 1]);
    expect(full([2, 2], 7).toArray()).toEqual([[7, 7], [7, 7]]);
    expect(eye(2, 3).toArray()).toEqual([[1, 0, 0], [0, 1, 0]]);
  });
  it("rejects ranges that never reach their end", () => {
    expect(() => arange(0, 1, 0)).toThrow("arange: cannot go from 0 to 1 with step 0; the step must be non-zero and point towards the end.");
    expect(() => arange(0, 1, -1)).toThrow("arange: cannot go from 0 to 1 with step -1");
  });
  it("leaves results of tensors made without requiresGrad out of the graph", () => {
    expect(tensor([1]).requiresGrad).toBe(false);
    expect(tensor([1], { requiresGrad: true }).isLeaf).toBe(true);
  });
});
