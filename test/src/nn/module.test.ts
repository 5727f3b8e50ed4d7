// Modules find parameters by walking their fields with PyTorch's dotted names; Linear has
// PyTorch's shapes and default init; zeroGrad sets grads to null.
import { describe, expect, it } from "vitest";
import { manualSeed, nn, tensor, type Tensor } from "gradlab";

class Net extends nn.Module {
  layers = [new nn.Linear(2, 3), new nn.Linear(3, 1)];
  act = new nn.Tanh();
  scale = new nn.Parameter(tensor([1]));
  override forward(x: Tensor): Tensor {
    return this.layers[1].forward(this.act.forward(this.layers[0].forward(x))).mul(this.scale);
  }
}

describe("Module.namedParameters", () => {
  it("names nested modules and arrays with dots (layers.0.weight)", () => {
    expect(new Net().namedParameters().map(([n]) => n)).toEqual(["layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias", "scale"]);
  });
  it("names Sequential's parameters by position (0.weight), skipping parameterless layers", () => {
    const m = new nn.Sequential(new nn.Linear(2, 3), new nn.ReLU(), new nn.Linear(3, 1, { bias: false }));
    expect(m.namedParameters().map(([n]) => n)).toEqual(["0.weight", "0.bias", "2.weight"]);
  });
  it("prefixes a Sequential inside a module with the field name", () => {
    class Wrapper extends nn.Module { body = new nn.Sequential(new nn.Linear(1, 1)); }
    expect(new Wrapper().namedParameters().map(([n]) => n)).toEqual(["body.0.weight", "body.0.bias"]);
  });
  it("lists a shared layer's parameters once, under their first name (so an optimizer steps them once)", () => {
    const shared = new nn.Linear(2, 2);
    const m = new nn.Sequential(shared, new nn.Tanh(), shared);
    expect(m.namedParameters().map(([n]) => n)).toEqual(["0.weight", "0.bias"]);
    class Twice extends nn.Module { a = shared; b = shared; }
    expect(new Twice().namedParameters().map(([n]) => n)).toEqual(["a.weight", "a.bias"]);
  });
  it("parameters() gives the Parameter objects themselves", () => {
    const net = new Net();
    expect(net.parameters()[0]).toBe(net.layers[0].weight);
    expect(net.parameters().every((p) => p.requiresGrad && p.isLeaf)).toBe(true);
  });
});

describe("nn.Linear", () => {
  it("stores weight as [out, in] and bias as [out], and maps [N, in] to [N, out]", () => {
    const l = new nn.Linear(3, 5);
    expect(l.weight.shape).toEqual([5, 3]);
    expect(l.bias!.shape).toEqual([5]);
    expect(l.forward(tensor([[1, 2, 3], [4, 5, 6]])).shape).toEqual([2, 5]);
    expect(l.forward(tensor([1, 2, 3])).shape).toEqual([5]);
  });
  it("initialises weight and bias in U(±1/√inFeatures), filling the range", () => {
    manualSeed(0);
    const l = new nn.Linear(100, 50);
    const bound = 1 / Math.sqrt(100);
    const w = Array.from(l.weight.data), b = Array.from(l.bias!.data);
    expect(Math.max(...w.map(Math.abs))).toBeLessThanOrEqual(bound);
    expect(Math.max(...w.map(Math.abs))).toBeGreaterThan(0.98 * bound);
    expect(Math.max(...b.map(Math.abs))).toBeLessThanOrEqual(bound);
    const mean = w.reduce((s, v) => s + v, 0) / w.length;
    expect(Math.abs(mean)).toBeLessThan(0.01);
  });
  it("computes x·Wᵀ + b", () => {
    const l = new nn.Linear(2, 1);
    l.weight.data.set([2, -1]);
    l.bias!.data.set([0.5]);
    expect(l.forward(tensor([[1, 1], [3, 2]])).toArray()).toEqual([[1.5], [4.5]]);
  });
});

describe("zeroGrad", () => {
  it("sets every parameter's grad to null (not zeros), as PyTorch's set_to_none", () => {
    const net = new Net();
    net.forward(tensor([[1, 2]])).sum().backward();
    expect(net.parameters().every((p) => p.grad !== null)).toBe(true);
    net.zeroGrad();
    expect(net.parameters().every((p) => p.grad === null)).toBe(true);
  });
});

describe("nn.init", () => {
  it("fills in place within the stated bounds", () => {
    const t = new nn.Parameter(new Float64Array(600), [20, 30]);
    nn.init.xavierUniform_(t);
    const bound = Math.sqrt(6 / 50);
    expect(Math.max(...Array.from(t.data, Math.abs))).toBeLessThanOrEqual(bound);
    nn.init.constant_(t, 0.25);
    expect(new Set(t.data)).toEqual(new Set([0.25]));
    nn.init.kaimingUniform_(t, { nonlinearity: "relu" });
    expect(Math.max(...Array.from(t.data, Math.abs))).toBeLessThanOrEqual(Math.sqrt(2) * Math.sqrt(3 / 30));
  });
  it("rejects tensors with fewer than 2 dimensions for fan-based init", () => {
    expect(() => nn.init.xavierNormal_(new nn.Parameter(new Float64Array(3), [3]))).toThrow("xavierNormal_: fan in and fan out cannot be computed for a tensor with fewer than 2 dimensions (shape [3]).");
  });
});
