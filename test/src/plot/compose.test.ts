import { describe, expect, it } from "vitest";
import { plot } from "../../../src/index";

type Json = Record<string, any>;

describe("layer, hconcat, vconcat", () => {
  it("merges the named series of layered charts into one legend with distinct colours", () => {
    const data = plot.scatter({ name: "targets", x: [0, 1], y: [0, 1] });
    const fit = plot.line({ name: "prediction", x: [0, 1], y: [0, 1] });
    const other = plot.line({ name: "other fit", x: [0, 1], y: [1, 0] });
    const c = plot.layer(data, fit, other) as unknown as Json;
    const colors = c.layer.map((l: Json) => l.layer[0].encoding.color);
    for (const color of colors) {
      expect(color.scale.domain).toEqual(["targets", "prediction", "other fit"]);
      expect(color.legend.symbolType.expr).toBe(`indexof(["prediction","other fit"], datum.value) >= 0 ? 'stroke' : 'circle'`);
    }
    expect(new Set(colors[0].scale.range).size).toBe(3);
    const svg = plot.renderSvg(c as never);
    for (const name of ["targets", "prediction", "other fit"]) expect(svg).toContain(`>${name}<`);
    // The charts passed in are not changed.
    expect((fit as unknown as Json).layer[0].encoding.color.legend).toBeNull();
  });

  it("puts the merged legend inside the plot on request", () => {
    const c = plot.layer({ legend: "top-left" }, plot.scatter({ name: "data", x: [0, 1], y: [0, 1] }), plot.line({ name: "fit", x: [0, 1], y: [0, 1] })) as unknown as Json;
    expect(c.layer[0].layer[0].encoding.color.legend).toMatchObject({ orient: "top-left", symbolStrokeWidth: 2 });
    const own = plot.line({ a: [1, 2], b: [2, 1] }, { legend: "bottom-right" }) as unknown as Json;
    expect(own.layer[0].encoding.color.legend).toEqual({ orient: "bottom-right" });
  });

  it("draws each legend entry as its own mark when lines and points are layered", () => {
    const c = plot.layer(plot.scatter({ name: "targets", x: [0, 1], y: [0, 1] }), plot.line({ name: "prediction", x: [0, 1], y: [0, 1] })) as unknown as Json;
    const legend = c.layer[0].layer[0].encoding.color.legend;
    expect(legend.symbolType.expr).toBe(`indexof(["prediction"], datum.value) >= 0 ? 'stroke' : 'circle'`);
    const svg = plot.renderSvg(c as never);
    // One legend symbol per entry: a dot (two arcs) for the targets, a horizontal stroke for the prediction.
    const symbols = [...svg.matchAll(/role-legend-symbol[^>]*>(<path[^>]*>)/g)].map((m) => m[1]);
    expect(symbols).toHaveLength(2);
    expect(symbols[0]).toMatch(/d="M[\d.]+,0A/);
    expect(symbols[1]).toMatch(/d="M-[\d.]+,0L[\d.]+,0"/);
    // Lines alone keep the plain legend.
    const two = plot.layer(plot.line({ name: "a", x: [0, 1], y: [0, 1] }), plot.line({ name: "b", x: [0, 1], y: [1, 0] })) as unknown as Json;
    expect(two.layer[0].layer[0].encoding.color.legend).toBeUndefined();
  });

  it("gives the layers one tick count per axis, the first layer's", () => {
    const c = plot.layer(plot.scatter([0, 1], [0, 1], { width: 220, height: 220 }), plot.line({ name: "fit", x: [0, 1], y: [0, 1] })) as unknown as Json;
    const axes = (ch: string) => c.layer.map((l: Json) => l.layer[0].encoding[ch].axis.tickCount);
    expect(axes("x")).toEqual([3, 3]);
    expect(axes("y")).toEqual([5, 5]);
  });

  it("keeps the first title found among the layers", () => {
    const c = plot.layer(plot.line([1, 2]), plot.line([2, 1], { title: "Fit" })) as unknown as Json;
    expect(c.title).toBe("Fit");
  });

  it("keeps colour scales apart side by side unless asked to share one", () => {
    const a = plot.matrix([[0, 1]]), b = plot.matrix([[0, 2]]);
    expect((plot.hconcat(a, b) as unknown as Json).resolve).toEqual({ scale: { color: "independent", fill: "independent" }, legend: { color: "independent", fill: "independent" } });
    const shared = plot.vconcat({ sharedColor: true }, a, b) as unknown as Json;
    expect(shared.resolve).toEqual({ scale: { color: "shared", fill: "shared" }, legend: { color: "shared", fill: "shared" } });
    expect(shared.vconcat).toHaveLength(2);
  });

  it("moves the sliders of the parts to the top, once each", () => {
    const frames = plot.matrix([[[1]], [[2]]], { frames: { name: "epoch", values: [1, 2] } });
    const c = plot.hconcat(frames, plot.matrix([[[3]], [[4]]], { frames: { name: "epoch", values: [1, 2] } })) as unknown as Json;
    expect(c.params.map((p: Json) => p.name)).toEqual(["epoch"]);
    expect(c.hconcat.every((u: Json) => u.params === undefined)).toBe(true);
    expect(plot.renderSvg(c as never)).toContain("epoch = 1");
  });

  it("marks a slider's value on a line chart beside it with a rule", () => {
    const curve = plot.line({ loss: [3, 2, 1] }, { cursor: "epoch" });
    const c = plot.hconcat(curve, plot.matrix([[[1]], [[2]], [[3]]], { frames: { name: "epoch", values: [0, 1, 2], init: 1 } })) as unknown as Json;
    expect(c.hconcat[0].layer.at(-1)).toMatchObject({ mark: { type: "rule" }, transform: [{ calculate: "epoch", as: "x" }] });
    expect(plot.renderSvg(c as never)).toMatch(/class="mark-rule role-mark/);
    expect(() => plot.line([1], { cursor: "two words" })).toThrow(/cannot be a parameter name/);
  });
});
