// PyTorch's engine semantics: accumulation into .grad, noGrad, detach, retainGrad, shared nodes.
import { describe, expect, it } from "vitest";
import { AccumulateGrad, autograd, Fn, isGradEnabled, nn, noGrad, randn, Tensor, tensor } from "gradlab";

describe("the autograd engine", () => {
  it("accumulates gradients across two backward calls", () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    x.mul(x).sum().backward();
    expect(x.grad!.toArray()).toEqual([2, 4, 6]);
    x.mul(3).sum().backward();
    expect(x.grad!.toArray()).toEqual([5, 7, 9]);
  });
  it("keeps a linear layer's weight and bias gradients intact through later passes (they become .grad without a copy)", () => {
    const layer = new nn.Linear(40, 30);
    const x = randn([50, 40]);
    layer.forward(x).tanh().sum().backward();
    const [w, b] = [layer.weight.grad!, layer.bias!.grad!];
    const [w1, b1] = [Array.from(w.data), Array.from(b.data)];
    layer.zeroGrad();
    layer.forward(x.mul(2)).tanh().sum().backward(); // new gradients, the same scratch
    expect(Array.from(w.data)).toEqual(w1);
    expect(Array.from(b.data)).toEqual(b1);
    expect(layer.weight.grad).not.toBe(w);
    layer.forward(x).tanh().sum().backward(); // accumulates into the second pass's .grad only
    expect(Array.from(w.data)).toEqual(w1);
    // One weight in two layers: the sum of both paths, dW[a][b] = Σ_r y[r][b] + Σ_o W[o][a] · Σ_r x[r][b].
    const shared = new nn.Linear(40, 40, { bias: false });
    shared.forward(shared.forward(x)).sum().backward();
    const y1 = shared.forward(x).detach();
    const direct = y1.sum(0).reshape(1, 40).expand(40, 40).add(shared.weight.sum(0).reshape(40, 1).matmul(x.sum(0).reshape(1, 40))).detach();
    shared.weight.grad!.data.forEach((v, i) => expect(v).toBeCloseTo(direct.data[i], 9));
  });

  it("sums the gradient of a node used several times (through a diamond)", () => {
    const x = tensor(2, { requiresGrad: true });
    const a = x.mul(3);
    a.mul(a).add(a).backward(); // d/dx (9x² + 3x) = 18x + 3
    expect(x.grad!.item()).toBe(39);
  });
  it("backward(gradient) on a non-scalar output weights each element", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    x.mul(x).backward(tensor([1, 10]));
    expect(x.grad!.toArray()).toEqual([2, 40]);
  });
  it("leaves .grad null on leaves that did not take part", () => {
    const x = tensor([1], { requiresGrad: true }), y = tensor([1], { requiresGrad: true });
    x.mul(2).sum().backward();
    expect(y.grad).toBeNull();
  });
  it("does not record a graph inside noGrad, and restores recording after (also after a throw)", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = noGrad(() => x.mul(2));
    expect(y.requiresGrad).toBe(false);
    expect(y.gradFn).toBeNull();
    expect(isGradEnabled()).toBe(true);
    expect(() => noGrad(() => { throw new Error("boom"); })).toThrow("boom");
    expect(isGradEnabled()).toBe(true);
    expect(x.mul(2).gradFn?.name).toBe("mul");
  });
  it("refuses an async function in noGrad instead of silently recording its awaited part", () => {
    expect(() => noGrad(async () => 1)).toThrow(/noGrad: the function returned a Promise/);
    expect(isGradEnabled()).toBe(true);
  });
  it("detach() shares the values but cuts the graph", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const d = x.mul(2).detach();
    expect(d.requiresGrad).toBe(false);
    expect(d.gradFn).toBeNull();
    expect(d.isLeaf).toBe(true);
    const y = x.mul(d).sum();
    y.backward();
    expect(x.grad!.toArray()).toEqual([2, 4]); // d is a constant: no gradient through it
  });
  it("keeps .grad of a non-leaf only when retainGrad() was called", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const h = x.mul(3).retainGrad();
    const k = x.mul(2);
    h.mul(h).add(k).sum().backward();
    expect(h.grad!.toArray()).toEqual([6, 12]);
    expect(k.grad).toBeNull();
    expect(x.grad!.toArray()).toEqual([20, 38]);
  });
  it("marks leaves and results", () => {
    const x = tensor([1], { requiresGrad: true });
    expect(x.isLeaf).toBe(true);
    expect(x.add(1).isLeaf).toBe(false);
    expect(tensor([1]).add(1).requiresGrad).toBe(false);
  });
  it("lets a user's own Function keep the gradients it was given, as PyTorch does", () => {
    const seen: Tensor[] = [];
    class Spy extends autograd.Function {
      forward(x: Tensor) { return x.clone(); }
      backward(g: Tensor) { seen.push(g); return [g]; }
    }
    Spy.apply(tensor([1, 2, 3], { requiresGrad: true })).mul(tensor([10, 20, 30])).sum().backward();
    // A later pass through gradlab's own ops only, which may reuse its scratch memory.
    randn([3], { requiresGrad: true }).mul(tensor([7, 7, 7])).sum().backward();
    expect(seen[0].toArray()).toEqual([10, 20, 30]);
  });
  it("walks the recorded graph back to the leaves through nextFunctions, as PyTorch's next_functions", () => {
    const w = tensor([-0.5], { requiresGrad: true }), b = tensor([0.5], { requiresGrad: true });
    const loss = tensor([7]).sub(tensor([1]).mul(w).add(b).tanh()).pow(2);
    const chain: string[] = [];
    for (let node: Fn | AccumulateGrad | null = loss.gradFn; node instanceof Fn; ) {
      chain.push(String(node));
      node = node.nextFunctions.map(([n]) => n).find((n) => n !== null) ?? null;
    }
    expect(chain).toEqual(["<PowBackward0>", "<AddBackward0>", "<NegBackward0>", "<TanhBackward0>", "<AddBackward0>", "<MulBackward0>"]);
    const add = loss.gradFn!.nextFunctions[0][0] as Fn;
    expect(add.nextFunctions.map(([n, i]) => [n === null ? null : String(n), i])).toEqual([[null, 0], ["<NegBackward0>", 0]]);
    const [[mul], [acc]] = (w.mul(1).add(b).gradFn as Fn).nextFunctions;
    expect(acc).toBeInstanceOf(AccumulateGrad);
    expect((acc as AccumulateGrad).variable).toBe(b);
    expect(String(acc)).toBe("<AccumulateGrad>");
    expect((mul as Fn).nextFunctions[0][0]).toBe((w.mul(3).gradFn as Fn).nextFunctions[0][0]);
  });
  it("shows a node as PyTorch names it when inspected (as a notebook cell's result)", () => {
    const { inspect } = require("node:util") as typeof import("node:util");
    const x = tensor([1, 2], { requiresGrad: true });
    expect(inspect(x.mul(2).gradFn)).toBe("<MulBackward0>");
    expect(inspect((x.mul(2).gradFn as Fn).nextFunctions)).toBe("[ [ <AccumulateGrad>, 0 ], [ null, 0 ] ]");
  });
});
