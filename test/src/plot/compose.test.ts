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
      expect(color.legend).toBeUndefined();
    }
    expect(new Set(colors[0].scale.range).size).toBe(3);
    const svg = plot.renderSvg(c as never);
    for (const name of ["targets", "prediction", "other fit"]) expect(svg).toContain(`>${name}<`);
    // The charts passed in are not changed.
    expect((fit as unknown as Json).layer[0].encoding.color.legend).toBeNull();
  });

  it("puts the merged legend inside the plot on request", () => {
    const c = plot.layer({ legend: "top-left" }, plot.scatter({ name: "data", x: [0, 1], y: [0, 1] }), plot.line({ name: "fit", x: [0, 1], y: [0, 1] })) as unknown as Json;
    expect(c.layer[0].layer[0].encoding.color.legend).toEqual({ orient: "top-left" });
    const own = plot.line({ a: [1, 2], b: [2, 1] }, { legend: "bottom-right" }) as unknown as Json;
    expect(own.layer[0].encoding.color.legend).toEqual({ orient: "bottom-right" });
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
