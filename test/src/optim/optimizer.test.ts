// Optimizer behaviour beyond the golden update rules: null grads are skipped, zeroGrad sets null,
// state is per parameter, and parameters change in place.
import { describe, expect, it } from "vitest";
import { optim, tensor } from "gradlab";

describe("optimizers", () => {
  it.each([
    ["SGD with momentum", (ps: ReturnType<typeof tensor>[]) => new optim.SGD(ps, { lr: 0.1, momentum: 0.9 })],
    ["Adam", (ps: ReturnType<typeof tensor>[]) => new optim.Adam(ps, { lr: 0.1 })],
  ])("%s skips parameters whose grad is null", (_, make) => {
    const a = tensor([1, 2], { requiresGrad: true }), b = tensor([3], { requiresGrad: true });
    const opt = make([a, b]);
    a.mul(a).sum().backward();
    opt.step();
    expect(b.toArray()).toEqual([3]);
    expect(a.toArray()).not.toEqual([1, 2]);
  });
  it("zeroGrad sets grads to null", () => {
    const a = tensor([1, 2], { requiresGrad: true });
    const opt = new optim.SGD([a], { lr: 0.1 });
    a.sum().backward();
    opt.zeroGrad();
    expect(a.grad).toBeNull();
  });
  it("updates the parameter's values in place (same tensor, same storage)", () => {
    const a = tensor([1, 2], { requiresGrad: true });
    const data = a.data;
    const opt = new optim.SGD([a], { lr: 0.5 });
    a.mul(a).sum().backward();
    opt.step();
    expect(a.data).toBe(data);
    expect(a.toArray()).toEqual([0, 0]);
  });
  it("starts SGD's momentum buffer at the first gradient", () => {
    const a = tensor([1], { requiresGrad: true });
    const opt = new optim.SGD([a], { lr: 1, momentum: 0.9, dampening: 0.5 });
    a.sum().backward(); // g = 1 each step
    opt.step(); // buf = 1 (no dampening on the first step)
    expect(a.item()).toBe(0);
    opt.step(); // buf = 0.9 + 0.5 = 1.4
    expect(a.item()).toBeCloseTo(-1.4, 15);
  });
  it("lets the learning rate change between steps", () => {
    const a = tensor([1], { requiresGrad: true });
    const opt = new optim.SGD([a], { lr: 1 });
    a.sum().backward();
    opt.lr = 0.25;
    opt.step();
    expect(a.item()).toBe(0.75);
  });
});
