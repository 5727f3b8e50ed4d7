import { describe, expect, it } from "vitest";
import { plot, tensor } from "../../../src/index";
import { plotMsg } from "../../../src/plot/messages";

type Unit = { data?: { values: Record<string, unknown>[] }; encoding?: Record<string, { field?: string; scale?: { type?: string } }> };
const layers = (c: unknown) => (c as { layer: Unit[] }).layer;
const rows = (c: unknown) => layers(c)[0].data?.values ?? [];

describe("line, scatter, lossCurve", () => {
  it("names series by the keys of an object and keeps their order in the legend", () => {
    const c = plot.line({ train: [3, 2], test: [4, 3] });
    expect(rows(c).map((r) => r.series)).toEqual(["train", "train", "test", "test"]);
    expect(layers(c)[0].encoding?.color).toMatchObject({ field: "series", sort: ["train", "test"] });
  });

  it("accepts arrays, Float64Arrays and Tensors alike", () => {
    const a = rows(plot.line([1, 2, 3])), b = rows(plot.line(new Float64Array([1, 2, 3]))), t = rows(plot.line(tensor([1, 2, 3])));
    expect(b).toEqual(a);
    expect(t).toEqual(a);
    expect(a.map((r) => r.x)).toEqual([0, 1, 2]);
  });

  it("numbers loss epochs from 1 and puts y on a log scale on request", () => {
    const c = plot.lossCurve([0.9, 0.5, 0.2], { logY: true });
    expect(rows(c).map((r) => r.x)).toEqual([1, 2, 3]);
    expect(layers(c)[0].encoding?.y.scale?.type).toBe("log");
  });

  it("scatter takes x and y arrays", () => {
    expect(rows(plot.scatter([1, 2], tensor([3, 4]))).map((r) => [r.x, r.y])).toEqual([[1, 3], [2, 4]]);
  });

  it("rejects empty series, mismatched lengths and non-numbers with clear messages", () => {
    expect(() => plot.line([])).toThrow(plotMsg.empty("line (y)"));
    expect(() => plot.scatter([1, 2, 3], [1, 2])).toThrow(plotMsg.lengths("scatter (data)", 3, 2));
    expect(() => plot.line({})).toThrow(plotMsg.noSeries("line"));
    expect(() => plot.line(["a"] as unknown as number[])).toThrow(/expected numbers/);
  });

  it("draws a diverged run up to the top of the chart where it left it, marks it there, and draws nothing after", () => {
    const c = plot.lossCurve({ ok: [1, 0.5, 0.2, 0.1], bad: [1, 5, 1e6, NaN, 3] });
    const bad = rows(c).filter((r) => r.series === "bad (diverged)");
    // The default top is 10× the largest starting loss.
    expect(bad.map((r) => [r.x, r.y])).toEqual([[1, 1], [2, 5], [3, 10]]);
    expect(layers(c)[1].data?.values).toEqual([{ series: "bad (diverged)", x: 3, y: 10 }]);
    expect(plot.renderSvg(c)).toContain(">diverged</text>");
  });

  it("labels 0 on a linear axis around it (no label dropped for overlap)", () => {
    // The course's regression panel beside its loss curve, where Vega used to drop every other label, the 0.0 among them.
    const x = Array.from({ length: 32 }, (_, i) => -1 + (2 * i) / 31);
    const fit = plot.layer(plot.scatter({ name: "targets", x, y: x.map((v) => Math.sin(Math.PI * v)) }, { width: 360 }), plot.line({ name: "prediction", x, y: x }));
    const svg = plot.renderSvg(plot.hconcat(fit, plot.lossCurve(x.map((_, i) => 1 / (i + 1)), { width: 360 })));
    const xAxis = svg.slice(svg.indexOf("X-axis titled 'x'"), svg.indexOf("Y-axis titled 'y'"));
    // Vega hides a label it drops for overlap with opacity 0.
    const visible = [...xAxis.matchAll(/<text[^>]*opacity="1"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(visible).toContain("0.0");
    expect(visible).toContain("−1.0");
  });

  it("ticks a log axis at powers of ten with one number format", () => {
    const axis = (c: unknown) => (layers(c)[0].encoding?.y as unknown as { axis: Record<string, unknown>; scale: Record<string, unknown> });
    const plain = axis(plot.lossCurve([0.7, 0.05, 0.003], { logY: true }));
    expect(plain.scale.domain).toEqual([0.001, 1]);
    expect(plain.axis).toEqual({ values: [0.001, 0.01, 0.1, 1], format: "~g" });
    const wide = plot.lossCurve([1, 1e-6, 1e-20], { logY: true });
    expect(axis(wide).axis.values).toEqual([1e-18, 1e-15, 1e-12, 1e-9, 1e-6, 1e-3, 1]);
    const svg = plot.renderSvg(wide);
    expect(svg).toContain(">1e−18<");
    expect(svg).toContain(">1e0<");
    expect(svg).not.toMatch(/>0\.0+1</);
  });

  it("refuses a chart where every value is NaN or Infinity instead of drawing nothing", () => {
    expect(() => plot.lossCurve([NaN, Infinity])).toThrow(plotMsg.allNonFinite("lossCurve"));
  });

  it("leaves out non-positive values on a log scale", () => {
    expect(rows(plot.line([1, 0, 0.5], { logY: true })).map((r) => r.y)).toEqual([1, 0.5]);
    expect(() => plot.line([0, -1], { logY: true })).toThrow(plotMsg.noPositive("line"));
  });

  it("keeps the spec plain JSON with a hidden Jupyter display method", () => {
    const c = plot.line([1, 2]);
    expect(Object.getOwnPropertyDescriptor(c, Symbol.for("Jupyter.display"))?.enumerable).toBe(false);
    expect(JSON.parse(JSON.stringify(c))).toEqual({ ...c });
    const bundle = (c as unknown as Record<symbol, () => Record<string, unknown>>)[Symbol.for("Jupyter.display")]();
    expect(Object.keys(bundle).sort()).toEqual(["application/vnd.vegalite.v5+json", "image/svg+xml", "text/plain"]);
  });
});
