import { describe, expect, it } from "vitest";
import { plot } from "../../../src/index";
import { plotMsg } from "../../../src/plot/messages";

const runs = [[1, 0.5, 0.1], [1, 0.8, 0.3], [1, 0.9, 0.7]];

describe("slider", () => {
  it("binds a param to a range input spanning the values with their spacing", () => {
    const c = plot.slider({ name: "depth", values: [0, 5, 10], runs, init: 5 }) as unknown as Record<string, unknown>;
    expect(c.params).toEqual([{ name: "depth", value: 5, bind: { input: "range", min: 0, max: 10, step: 5, name: "depth " } }]);
    expect((c.data as { values: unknown[] }).values).toHaveLength(9);
  });

  it("binds the index when the values are unevenly spaced, so every value is reachable", () => {
    const ladder = [0.001, 0.003, 0.01, 0.03, 0.1];
    const c = plot.slider({ name: "lr", values: ladder, runs: ladder.map(() => [1, 0.5]), init: 0.01 }) as unknown as Record<string, unknown>;
    expect(c.params).toEqual([
      { name: "lr_index", value: 2, bind: { input: "range", min: 0, max: 4, step: 1, name: "lr (step) " } },
      { name: "lr", expr: "[0.001,0.003,0.01,0.03,0.1][lr_index]" },
    ]);
    expect(plot.renderSvg(c as never)).toContain("lr = 0.01");
  });

  it("draws the selected run through a filter on the param, tolerant to float steps", () => {
    const c = plot.slider({ name: "lr", values: [0.005, 0.01, 0.015], runs }) as unknown as { layer: { transform?: { filter: string }[] }[] };
    expect(c.layer[1].transform).toEqual([{ filter: "abs(datum.p - lr) < 0.0025" }]);
  });

  it("shows the default position in the static SVG, named in the title", () => {
    const svg = plot.renderSvg(plot.slider({ name: "w0", label: "initial weight", values: [0.7, 0.75], runs: runs.slice(0, 2), init: 0.75 }));
    expect(svg).toContain("initial weight = 0.75");
    // The ghost layer draws both runs; the highlighted layer exactly one.
    expect(svg.match(/<path[^>]*stroke="#c51b8a"/g)).toHaveLength(1);
  });

  it("accepts runs that carry their own value and x", () => {
    const c = plot.slider({ name: "k", runs: [{ value: 1, x: [10, 20], y: [3, 2] }, { value: 2, y: [4, 1] }] }) as unknown as { data: { values: unknown[] } };
    expect(c.data.values).toEqual([{ p: 1, x: 10, y: 3 }, { p: 1, x: 20, y: 2 }, { p: 2, x: 1, y: 4 }, { p: 2, x: 2, y: 1 }]);
  });

  it("rejects bad names and values", () => {
    expect(() => plot.slider({ name: "learning rate", values: [1], runs: [[1]] })).toThrow(plotMsg.paramName("learning rate"));
    expect(() => plot.slider({ name: "d", values: [1, 1], runs: [[1], [2]] })).toThrow(plotMsg.sliderValues([1, 1]));
    expect(() => plot.slider({ name: "d", values: [1], runs: [[1], [2]] })).toThrow(plotMsg.sliderRunMissing("d", NaN));
    expect(() => plot.slider({ name: "d", values: [0, 5], runs: [[1], [2]], init: 7 })).toThrow(plotMsg.sliderInit("d", 7, [0, 5]));
  });
});
