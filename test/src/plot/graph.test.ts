import { describe, expect, it } from "vitest";
import { add, manualSeed, mul, nn, plot, sub, tensor } from "../../../src/index";
import { plotMsg } from "../../../src/plot/messages";
import { lectureF } from "./helpers";

type Row = Record<string, string | number>;
const layerRows = (c: unknown, mark: string): Row[] => {
  const l = (c as { layer: { mark: { type: string }; data: { values: Row[] } }[] }).layer.find((u) => u.mark.type === mark);
  return l?.data.values ?? [];
};
const nodes = (c: unknown) => layerRows(c, "rect").map((r) => [r.title, r.value, r.grad].join(" | "));
const edges = (c: unknown) => (c as { layer: { mark: { type: string }; data: { values: Row[] } }[] }).layer
  .filter((u) => u.mark.type === "text" && u.data.values.length > 0 && "label" in u.data.values[0])[0].data.values.map((r) => r.label);

describe("graph", () => {
  it("draws the lecture's f with the slides' intermediates, values and gradients after backward", () => {
    const { f } = lectureF();
    f.backward();
    expect(nodes(plot.graph(f))).toEqual([
      "z | value 2 | ∂f/∂z = 0.1043",
      "x | value 0.5 | ∂f/∂x = 0.4174",
      "a = 2·x | value 1 | ∂f/∂a = 0.2087",
      "y | value 1 | ∂f/∂y = −0.134",
      "b = sin(y) | value 0.8415 | ∂f/∂b = −0.248",
      "c = a / b | value 1.188 | ∂f/∂c = 0.1756",
      "d = z·c | value 2.377 | ∂f/∂d = 0.08781",
      "e = ln(d + 1) | value 1.217 | ∂f/∂e = 0.2965",
      "f = tanh(e) | value 0.8387 | ∂f/∂f = 1",
    ]);
  });

  it("labels the edges with the local partials of the slides", () => {
    // ∂a/∂x = 2, ∂b/∂y = cos y, ∂c/∂a = 1/b, ∂c/∂b = −a/b², ∂d/∂z = c, ∂d/∂c = z, ∂e/∂d = 1/(d+1), ∂f/∂e = 1 − tanh²e
    expect(edges(plot.graph(lectureF().f))).toEqual([
      "∂a/∂x = 2", "∂b/∂y = 0.5403", "∂c/∂a = 1.188", "∂c/∂b = −1.412",
      "∂d/∂z = 1.188", "∂d/∂c = 2", "∂e/∂d = 0.2961", "∂f/∂e = 0.2965",
    ]);
  });

  it("shows the numbers in the rendered SVG", () => {
    const { f } = lectureF();
    f.backward();
    const svg = plot.renderSvg(plot.graph(f));
    for (const text of ["value 0.8387", "∂f/∂x = 0.4174", "∂f/∂y = −0.134", "∂f/∂z = 0.1043", "e = ln(d + 1)"]) expect(svg).toContain(text);
  });

  it("leaves gradients out before backward unless asked, and then computes them itself", () => {
    const { f } = lectureF();
    expect(layerRows(plot.graph(f), "rect").every((r) => r.grad === "")).toBe(true);
    expect(nodes(plot.graph(f, { grads: true }))[1]).toBe("x | value 0.5 | ∂f/∂x = 0.4174");
  });

  it("folds subtraction and names unnamed leaves", () => {
    const p = tensor(3, { requiresGrad: true }), q = tensor(1, { requiresGrad: true });
    expect(nodes(plot.graph(mul(sub(p, q), 2)))).toEqual(["leaf1 | value 3 | ", "leaf2 | value 1 | ", "a = leaf1 − leaf2 | value 2 | ", "b = 2·a | value 4 | "]);
  });

  it("draws an input used twice by one op once, with the summed partial", () => {
    const x = tensor(3, { requiresGrad: true });
    x.name = "x";
    const s = add(mul(x, x), 1);
    const c = plot.graph(s);
    expect(nodes(c)).toEqual(["x | value 3 | ", "a = x·x | value 9 | ", "b = a + 1 | value 10 | "]);
    expect(edges(c)).toEqual(["∂a/∂x = 6", "∂b/∂a = 1"]);
  });

  it("leaves the autograd state usable: backward after drawing gives the same gradients", () => {
    const { f, x, y, z } = lectureF();
    plot.graph(f, { grads: true });
    f.backward();
    expect([x, y, z].map((t) => t.grad?.item())).toEqual([0.41739917831621415, -0.13400446514694908, 0.10434979457905354].map((v) => expect.closeTo(v, 12)));
  });

  it("collapses an MLP loss to layers with shapes, named by the model's parameters", () => {
    manualSeed(0);
    const net = new nn.Sequential(new nn.Linear(1, 8), new nn.Tanh(), new nn.Linear(8, 1));
    const loss = nn.mseLoss(net.forward(tensor([[0], [0.5], [1]])), tensor([[0], [1], [0]]));
    loss.backward();
    const rows = layerRows(plot.graph(loss, { names: net }), "rect");
    expect(rows.map((r) => `${r.title} ${r.value}`)).toEqual([
      "input [3, 1]", "0.weight [8, 1]", "0.bias [8]", "linear [3, 8]", "tanh [3, 8]",
      "2.weight [1, 8]", "2.bias [1]", "linear [3, 1]", "target [3, 1]", `loss value ${Number(loss.item().toPrecision(4))}`,
    ]);
    expect(rows.filter((r) => r.title.toString().includes("weight")).every((r) => /^‖∂loss\/∂·‖ = \d/.test(r.grad.toString()))).toBe(true);
  });

  it("explains what is wrong with a tensor that has no graph", () => {
    expect(() => plot.graph(tensor(1))).toThrow(plotMsg.graphLeaf());
    expect(() => plot.graph(3 as never)).toThrow(plotMsg.graphRoot("number 3"));
    expect(() => plot.graph(lectureF().f, { maxNodes: 5 })).toThrow(plotMsg.graphTooBig(9, 5));
  });

  it("draws top to bottom when left to right would not fit a notebook's width", () => {
    const { f } = lectureF();
    const width = (c: unknown) => (c as { width: number }).width;
    expect(width(plot.graph(f, { direction: "right" }))).toBeGreaterThan(900);
    const down = plot.graph(f) as unknown as { width: number; height: number; layer: { data: { values: Record<string, number>[] } }[] };
    expect(down.width).toBeLessThanOrEqual(900);
    expect(down.height).toBeGreaterThan(down.width);
    // Every edge runs downwards, from the bottom of its source box to the top of its target.
    expect(down.layer[0].data.values.every((e) => e.y2 > e.y1)).toBe(true);
    expect(width(plot.graph(f, { maxWidth: 2000 }))).toBeGreaterThan(900);
  });
});
