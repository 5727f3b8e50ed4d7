// toString() of tensors follows PyTorch's repr (strings below are torch 1.13's output, with
// requires_grad=True / grad_fn written in gradlab's camelCase), and modules print as a tree.
import { describe, expect, it } from "vitest";
import { arange, nn, tensor, zeros } from "gradlab";

describe("tensor toString() is PyTorch's repr", () => {
  it.each([
    ["integer values", tensor([1, 2, 3]), "tensor([1., 2., 3.])"],
    ["a matrix with signs, aligned", tensor([[1, 2.5], [3, -4]]), "tensor([[ 1.0000,  2.5000],\n        [ 3.0000, -4.0000]])"],
    ["a 0-d tensor", tensor(3.14159), "tensor(3.1416)"],
    ["small and large magnitudes in scientific notation", tensor([1e-5, 1, 100]), "tensor([1.0000e-05, 1.0000e+00, 1.0000e+02])"],
    ["huge values", tensor([1e10, 1]), "tensor([1.0000e+10, 1.0000e+00])"],
    ["nan and inf", tensor([NaN, Infinity, 1.5]), "tensor([   nan,    inf, 1.5000])"],
    ["fractions", arange(12).reshape(3, 4).div(3), "tensor([[0.0000, 0.3333, 0.6667, 1.0000],\n        [1.3333, 1.6667, 2.0000, 2.3333],\n        [2.6667, 3.0000, 3.3333, 3.6667]])"],
    ["3-D with a blank line between blocks", tensor([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]), "tensor([[[1., 2.],\n         [3., 4.]],\n\n        [[5., 6.],\n         [7., 8.]]])"],
    ["negative fractions", tensor([0.1, -0.25]), "tensor([ 0.1000, -0.2500])"],
  ])("%s", (_, t, want) => {
    expect(t.toString()).toBe(want);
    expect(`${t}`).toBe(want);
  });
  it("shows requiresGrad on leaves and the gradFn on results", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    expect(x.toString()).toBe("tensor([1., 2.], requiresGrad=true)");
    expect(x.mul(2).toString()).toBe("tensor([2., 4.], gradFn=<MulBackward0>)");
    expect(x.sum().toString()).toBe("tensor(3., gradFn=<SumBackward0>)");
  });
  it("summarises long tensors with ... instead of printing every value", () => {
    const s = arange(2000).toString();
    expect(s).toContain("...");
    expect(s.startsWith("tensor([")).toBe(true);
    expect(s).toContain("1999.");
    expect(s.length).toBeLessThan(120);
  });
  it("prints an empty tensor as PyTorch does: the size only when it has several dimensions", () => {
    expect(zeros(0).toString()).toBe("tensor([])");
    expect(zeros(2, 0).toString()).toBe("tensor([], size=[2, 0])");
  });
});

describe("module toString() is PyTorch's module tree", () => {
  it("prints Sequential with positions and each layer's settings", () => {
    const m = new nn.Sequential(new nn.Linear(2, 3), new nn.Tanh(), new nn.Linear(3, 1, { bias: false }));
    expect(m.toString()).toBe(
      "Sequential(\n  (0): Linear(inFeatures=2, outFeatures=3, bias=true)\n  (1): Tanh()\n  (2): Linear(inFeatures=3, outFeatures=1, bias=false)\n)",
    );
  });
  it("prints a user Module with its fields as names, nested modules indented", () => {
    class Net extends nn.Module {
      body = new nn.Sequential(new nn.Linear(1, 4), new nn.ReLU());
      head = new nn.Linear(4, 1);
      override forward(x: ReturnType<typeof tensor>) { return this.head.forward(this.body.forward(x)); }
    }
    expect(new Net().toString()).toBe(
      "Net(\n  (body): Sequential(\n    (0): Linear(inFeatures=1, outFeatures=4, bias=true)\n    (1): ReLU()\n  )\n  (head): Linear(inFeatures=4, outFeatures=1, bias=true)\n)",
    );
  });
  it("prints losses and parameters", () => {
    expect(new nn.MSELoss().toString()).toBe("MSELoss()");
    expect(new nn.CrossEntropyLoss({ reduction: "sum" }).toString()).toBe("CrossEntropyLoss(reduction=sum)");
    expect(new nn.Linear(2, 1).bias!.toString()).toMatch(/^Parameter containing:\ntensor\(\[-?\d\.\d{4}\], requiresGrad=true\)$/);
  });
});
