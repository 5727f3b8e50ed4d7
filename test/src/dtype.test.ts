// dtype as PyTorch has it: creators, conversion, promotion, printing, modules and optimizers,
// gradcheck's refusal, and the one-dtype rule of matrix products.
import { afterEach, describe, expect, it } from "vitest";
import {
  arange, autograd, eye, full, getDefaultDtype, gradcheck, linspace, nn, ones, onesLike, optim, rand, randn,
  setDefaultDtype, tensor, type Tensor, zeros, zerosLike,
} from "gradlab";

afterEach(() => setDefaultDtype("float64"));

describe("dtype", () => {
  it("is float64 by default and float32 when asked, in every creator", () => {
    expect(getDefaultDtype()).toBe("float64");
    expect(tensor([1, 2]).dtype).toBe("float64");
    const made = [
      tensor([1, 2], { dtype: "float32" }), zeros(2, 3, { dtype: "float32" }), ones([2], { dtype: "float32" }),
      full([2], 7, { dtype: "float32" }), arange(0, 1, 0.25, { dtype: "float32" }), linspace(0, 1, 5, { dtype: "float32" }),
      eye(2, 2, { dtype: "float32" }), randn([3], { dtype: "float32" }), rand(3, { dtype: "float32" }),
    ];
    for (const t of made) {
      expect(t.dtype).toBe("float32");
      expect(t.data).toBeInstanceOf(Float32Array);
    }
    expect(tensor(0.1, { dtype: "float32" }).item()).toBe(Math.fround(0.1));
  });

  it("follows setDefaultDtype, and *Like creators keep their model's dtype", () => {
    setDefaultDtype("float32");
    expect([tensor([1]).dtype, zeros(2).dtype, randn(2).dtype, new nn.Linear(2, 3).weight.dtype]).toEqual(["float32", "float32", "float32", "float32"]);
    setDefaultDtype("float64");
    const x = ones(2, { dtype: "float32" });
    expect([zerosLike(x).dtype, onesLike(x, { dtype: "float64" }).dtype]).toEqual(["float32", "float64"]);
    expect(() => setDefaultDtype("float16" as never)).toThrow('setDefaultDtype: dtype must be "float32" or "float64", got "float16".');
    expect(() => zeros(2, { dtype: "int32" as never })).toThrow('zeros: dtype must be "float32" or "float64", got "int32".');
  });

  it("converts with float(), double() and to(), differentiably, and returns the tensor itself when nothing changes", () => {
    const x = tensor([0.1, 2], { requiresGrad: true });
    const y = x.float();
    expect(y.dtype).toBe("float32");
    expect(y.toArray()).toEqual([Math.fround(0.1), 2]);
    expect(x.double()).toBe(x);
    expect(y.to("float32")).toBe(y);
    y.mul(tensor([3, 4], { dtype: "float32" })).sum().backward();
    expect(x.grad!.dtype).toBe("float64");
    expect(x.grad!.toArray()).toEqual([3, 4]);
  });

  it("promotes as PyTorch: float32 op float64 is float64, numbers and 0-d tensors do not widen", () => {
    const a = ones(2, { dtype: "float32" }), b = ones(2);
    expect(a.add(b).dtype).toBe("float64");
    expect(b.mul(a).dtype).toBe("float64");
    expect(a.mul(2.5).dtype).toBe("float32");
    expect(a.mul(tensor(2)).dtype).toBe("float32");
    expect(tensor(2, { dtype: "float32" }).mul(3).dtype).toBe("float32");
    expect(tensor(2, { dtype: "float32" }).mul(tensor(3)).dtype).toBe("float64");
    const w = ones(2, { dtype: "float32", requiresGrad: true });
    w.mul(tensor([1.5, 2.5])).sum().backward();
    expect(w.grad!.dtype).toBe("float32");
  });

  it("shows a dtype that is not the default one, as PyTorch's repr", () => {
    expect(tensor([1, 2], { dtype: "float32" }).toString()).toBe("tensor([1., 2.], dtype=float32)");
    expect(tensor([1.5], { dtype: "float32", requiresGrad: true }).toString()).toBe("tensor([1.5000], dtype=float32, requiresGrad=true)");
    expect(tensor([1, 2]).toString()).toBe("tensor([1., 2.])");
    setDefaultDtype("float32");
    expect(tensor([1, 2]).toString()).toBe("tensor([1., 2.])");
    expect(tensor([1, 2], { dtype: "float64" }).toString()).toBe("tensor([1., 2.], dtype=float64)");
  });

  it("matmul and linear need one dtype, and say how to get it", () => {
    expect(() => ones(2, 2, { dtype: "float32" }).matmul(ones(2, 2))).toThrow(
      "matmul: expected both operands to have the same dtype, but got float32 and float64; convert one of them with .float() or .double().");
    const layer = new nn.Linear(2, 1).float();
    expect(() => layer.forward(ones(3, 2))).toThrow("linear: the input is float64 but the layer's parameters are float32; convert the input (x.float()) or the model (model.double()).");
    expect(layer.forward(ones(3, 2).float()).dtype).toBe("float32");
  });
});

describe("module.float() and double()", () => {
  it("convert parameters and gradients in place; an optimizer made before keeps working and its state follows", () => {
    const model = new nn.Sequential(new nn.Linear(3, 4), new nn.Tanh(), new nn.Linear(4, 2));
    const params = model.parameters();
    const opt = new optim.Adam(model.parameters(), { lr: 0.01 });
    const x = randn([5, 3]), step = (input: Tensor) => {
      opt.zeroGrad();
      model.forward(input).pow(2).mean().backward();
      opt.step();
    };
    step(x);
    expect(model.float()).toBe(model);
    expect(model.parameters()).toEqual(params);
    expect(params.every((p) => p.dtype === "float32" && p.grad!.dtype === "float32")).toBe(true);
    step(x.float());
    const state = (opt as unknown as { state: Map<Tensor, Record<string, unknown>> }).state;
    for (const p of params) expect(state.get(p)!.expAvg).toBeInstanceOf(Float32Array);
    model.double();
    step(x);
    for (const p of params) expect([p.dtype, state.get(p)!.expAvgSq instanceof Float64Array]).toEqual(["float64", true]);
  });

  it("new nn.Linear(…, { dtype }) makes float32 parameters directly", () => {
    const layer = new nn.Linear(3, 2, { dtype: "float32" });
    expect([layer.weight.dtype, layer.bias!.dtype]).toEqual(["float32", "float32"]);
  });
});

describe("gradcheck and float32", () => {
  it("refuses float32 inputs with PyTorch's advice", () => {
    expect(() => gradcheck((t) => t.tanh(), [randn([3], { requiresGrad: true, dtype: "float32" })])).toThrow(
      /gradcheck: input 0 is float32; .*Check in float64: pass x\.double\(\)\./);
  });
});

describe("autograd.Function (PyTorch's custom-function pattern)", () => {
  class Cube extends autograd.Function {
    forward(x: Tensor) { this.saveForBackward(x); return x.pow(3); }
    backward(g: Tensor) { const [x] = this.savedTensors; return [g.mul(x.pow(2)).mul(3)]; }
  }

  it("records a node named after the class and passes gradcheck", () => {
    const x = tensor([0.5, -1.5], { requiresGrad: true });
    const y = Cube.apply(x);
    expect(y.gradFn!.toString()).toBe("<CubeBackward>");
    expect(gradcheck((t) => Cube.apply(t), [x])).toBe(true);
  });

  it("converts a gradient of another dtype to the input's, and rejects wrong shapes and counts", () => {
    class ToDouble extends autograd.Function {
      forward(x: Tensor) { return x.double(); }
      backward(g: Tensor) { return g; }
    }
    const x = ones(2, { dtype: "float32", requiresGrad: true });
    ToDouble.apply(x).sum().backward();
    expect(x.grad!.dtype).toBe("float32");
    class Bad extends autograd.Function {
      forward(x: Tensor, y: Tensor) { return x.mul(y); }
      backward(g: Tensor) { return [g.sum()]; }
    }
    const a = ones(2, { requiresGrad: true }), b = ones(2, { requiresGrad: true });
    expect(() => Bad.apply(a, b).sum().backward()).toThrow("Bad.backward: returned 1 gradient, but forward had 2 tensor arguments; return one per tensor argument (null where none is needed).");
    class Wrong extends autograd.Function {
      forward(x: Tensor) { return x.mul(2); }
      backward(g: Tensor) { return [g.sum()]; }
    }
    expect(() => Wrong.apply(a).sum().backward()).toThrow("Wrong.backward: the gradient for tensor argument 0 must be a tensor of shape [2], got shape [].");
  });

  it("records nothing inside forward, and nothing at all without requiresGrad", () => {
    const recordedInside: boolean[] = [];
    class Inner extends autograd.Function {
      forward(x: Tensor) { recordedInside.push(x.mul(2).requiresGrad); return x.mul(2); }
      backward(g: Tensor) { return [g.mul(2)]; }
    }
    const x = ones(2, { requiresGrad: true });
    expect(Inner.apply(x).gradFn).not.toBeNull();
    expect(recordedInside).toEqual([false]);
    expect(Inner.apply(ones(2)).gradFn).toBeNull();
  });
});
