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
    expect(c.layer[1].transform).toEqual([{ filter: "abs(datum.p0 - lr) < 0.0025" }]);
  });

  it("shows the default position in the static SVG, named in the title", () => {
    const svg = plot.renderSvg(plot.slider({ name: "w0", label: "initial weight", values: [0.7, 0.75], runs: runs.slice(0, 2), init: 0.75 }));
    expect(svg).toContain("initial weight = 0.75");
    // The ghost layer draws both runs; the highlighted layer exactly one.
    expect(svg.match(/<path[^>]*stroke="#c51b8a"/g)).toHaveLength(1);
  });

  it("accepts runs that carry their own value and x", () => {
    const c = plot.slider({ name: "k", runs: [{ value: 1, x: [10, 20], y: [3, 2] }, { value: 2, y: [4, 1] }] }) as unknown as { data: { values: unknown[] } };
    expect(c.data.values).toEqual([{ p0: 1, x: 10, y: 3 }, { p0: 1, x: 20, y: 2 }, { p0: 2, x: 1, y: 4 }, { p0: 2, x: 2, y: 1 }]);
  });

  it("rejects bad names and values", () => {
    expect(() => plot.slider({ name: "learning rate", values: [1], runs: [[1]] })).toThrow(plotMsg.paramName("learning rate"));
    expect(() => plot.slider({ name: "d", values: [1, 1], runs: [[1], [2]] })).toThrow(plotMsg.sliderValues([1, 1]));
    expect(() => plot.slider({ name: "d", values: [1], runs: [[1], [2]] })).toThrow(plotMsg.sliderRunMissing("d", NaN));
    expect(() => plot.slider({ name: "d", values: [0, 5], runs: [[1], [2]], init: 7 })).toThrow(plotMsg.sliderInit("d", 7, [0, 5]));
  });

  it("drives one chart with several sliders, greying the runs that differ only in the last one", () => {
    const runs = [10, 20].flatMap((depth) => [0.01, 0.02].map((eta) => ({ at: { depth, eta }, y: [1, depth * eta] })));
    const c = plot.slider({ params: [{ name: "depth", values: [10, 20] }, { name: "eta", label: "η", values: [0.01, 0.02] }], runs, init: undefined }) as unknown as { params: { name: string }[]; layer: { transform?: { filter: string }[] }[] };
    expect(c.params.map((p) => p.name)).toEqual(["depth", "eta"]);
    expect(c.layer[0].transform).toEqual([{ filter: "abs(datum.p0 - depth) < 5" }]);
    expect(c.layer[1].transform).toEqual([{ filter: "abs(datum.p0 - depth) < 5 && abs(datum.p1 - eta) < 0.005" }]);
    expect(plot.renderSvg(c as never)).toContain("depth = 10, η = 0.01");
    expect(() => plot.slider({ params: [{ name: "a", values: [1] }], runs: [{ at: { a: 1 }, y: [1] }, { at: { a: 1 }, y: [2] }] })).toThrow(plotMsg.sliderDuplicate());
  });

  it("says a run's own setting in the title while it is shown", () => {
    const runs = [{ value: 0, y: [1, 0.5], note: "η = 0.02" }, { value: 5, y: [1, 0.2] }];
    expect(plot.renderSvg(plot.slider({ name: "depth", runs, title: "Depth" }))).toContain("Depth: depth = 0 (η = 0.02)");
    const other = plot.renderSvg(plot.slider({ name: "depth", runs, init: 5 }));
    expect(other).toContain("depth = 5</text>");
    expect(other).not.toContain("η = 0.02");
  });

  it("explains the grey curves and where the slider works, also in the static SVG", () => {
    const svg = plot.renderSvg(plot.slider({ name: "w0", values: [0.7, 0.8], runs: runs.slice(0, 2) }));
    expect(svg).toContain("grey: the other runs");
    expect(svg).toContain("works in JupyterLab and VS Code");
  });

  it("starts the epoch axis at 0 and keeps a flat run off the border of a log axis", () => {
    const c = plot.slider({ name: "lr", values: [1, 2], runs: [[0.7, 0.7, 0.7], [0.7, 0.3, 0.05]], logY: true }) as unknown as { layer: { encoding: { x: { scale: unknown }; y: { scale: { domain: number[] } } } }[] };
    expect(c.layer[1].encoding.x.scale).toEqual({ domain: [0, 3], nice: true });
    expect(c.layer[1].encoding.y.scale.domain).toEqual([0.01, 1]);
  });

  it("thins long runs to about maxPoints, keeping the last point and a divergence", () => {
    const long = Array.from({ length: 600 }, (_, i) => 1 / (i + 1));
    const diverged = [...long.slice(0, 250), NaN, NaN];
    const c = plot.slider({ name: "k", values: [1, 2], runs: [long, diverged], maxPoints: 50 }) as unknown as { data: { values: { p0: number; x: number }[] } };
    const xs = (k: number) => c.data.values.filter((r) => r.p0 === k).map((r) => r.x);
    expect(xs(1).length).toBeLessThanOrEqual(51);
    expect(xs(1).at(-1)).toBe(600);
    expect(xs(2).slice(-2)).toEqual([250, 251]);
  });
});
