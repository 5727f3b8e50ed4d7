import { describe, expect, it } from "vitest";
import { plot, tensor } from "../../../src/index";
import { plotMsg } from "../../../src/plot/messages";

type Unit = { data?: { values: Record<string, number | string>[] }; transform?: { filter?: string }[]; encoding?: Record<string, { scale?: Record<string, unknown> }> };
const layers = (c: unknown) => (c as { layer: Unit[] }).layer;

describe("heatmap", () => {
  it("evaluates f on every grid point, corners included", () => {
    const c = plot.heatmap((x, y) => x + 10 * y, { x: [0, 1], y: [0, 2], steps: [3, 5] });
    const cells = layers(c)[0].data?.values ?? [];
    expect(cells).toHaveLength(15);
    expect(cells[0]).toEqual({ x: 0, y: 0, z: 0 });
    expect(cells[14]).toEqual({ x: 1, y: 2, z: 21 });
  });

  it("accepts a function returning a one-element Tensor", () => {
    const c = plot.heatmap((x, y) => tensor(x * y), { x: [0, 1], y: [0, 1], steps: 2 });
    expect((layers(c)[0].data?.values ?? []).map((r) => r.z)).toEqual([0, 0, 0, 1]);
  });

  it("draws bands with a quantize scale when levels are given", () => {
    const c = plot.heatmap((x, y) => x * y, { x: [0, 1], y: [0, 1], steps: 4, levels: 6 });
    expect(layers(c)[0].encoding?.color.scale).toEqual({ type: "quantize", scheme: { name: "viridis", count: 6 } });
  });

  it("gives each trajectory its colour and a legend, and marks where each starts and ends", () => {
    const path = tensor([[1, 1], [0.5, 0.4], [0.1, 0.1]]);
    const c = plot.heatmap((x, y) => x * x + y * y, { x: [-1, 1], y: [-1, 1], steps: 5, trajectories: [{ name: "gd", points: path }, { x: [0, 0.2], y: [0.5, 0.3] }] });
    const rows = layers(c)[1].data?.values ?? [];
    expect(rows.map((r) => `${r.run}:${r.step}:${r.marker}`)).toEqual(["gd:0:start", "gd:1:", "gd:2:end", "run 2:0:start", "run 2:1:end"]);
    const line = layers(c)[2].encoding as unknown as { color: { field: string; title: string; scale: { domain: string[] } } };
    expect(line.color).toMatchObject({ field: "run", title: "run", scale: { domain: ["gd", "run 2"] } });
    const markers = layers(c)[4] as unknown as { transform: unknown; encoding: { shape: { scale: { domain: string[] } } } };
    expect(markers.transform).toEqual([{ filter: "datum.marker !== ''" }]);
    expect(markers.encoding.shape.scale.domain).toEqual(["start", "end"]);
    expect((c as { resolve?: unknown }).resolve).toEqual({ scale: { color: "independent" } });
    const svg = plot.renderSvg(c);
    for (const label of [">start<", ">end<", ">gd<", ">run 2<"]) expect(svg).toContain(label);
  });

  it("draws arrows of a vector field between the colours and the trajectories", () => {
    const c = plot.heatmap((x, y) => x * x + y * y, { x: [-1, 1], y: [-1, 1], steps: 4, arrows: { field: (x, y) => [-2 * x, -2 * y], steps: 3 }, trajectories: [[[0.5, 0.5], [0.2, 0.2]]] });
    const marks = layers(c).map((l) => (l as unknown as { mark: { type: string } }).mark.type);
    expect(marks).toEqual(["rect", "rule", "point", "line", "line", "point", "point"]);
    expect(layers(c)[1].data?.values).toHaveLength(9);
    expect(plot.renderSvg(c)).toMatch(/class="mark-rule role-mark/);
  });

  it("runs a colour scheme backwards on request, so low values can be blue", () => {
    const c = plot.heatmap((x, y) => x * y, { x: [0, 1], y: [0, 1], steps: 3, scheme: "redblue", reverse: true });
    expect(layers(c)[0].encoding?.color.scale).toEqual({ scheme: "redblue", reverse: true });
  });

  it("explains bad ranges, steps, values and trajectories", () => {
    const f = (x: number) => x;
    expect(() => plot.heatmap(f, { x: [1, 0], y: [0, 1] })).toThrow(plotMsg.range("heatmap", "x", [1, 0]));
    expect(() => plot.heatmap(f, { x: [0, 1], y: [0, 1], steps: 1 })).toThrow(plotMsg.steps("heatmap", 1));
    expect(() => plot.heatmap(() => tensor([1, 2]), { x: [0, 1], y: [0, 1], steps: 2 })).toThrow(/returned an object \(Tensor\) at \(0, 0\)/);
    expect(() => plot.heatmap(f, { x: [0, 1], y: [0, 1], trajectories: [[[1, 2, 3]]] })).toThrow(/trajectory 0 must be/);
  });
});

describe("vectorField", () => {
  it("scales arrows so the longest spans 0.9 grid cells and points them the right way", () => {
    const c = plot.vectorField((x, y) => [x, y], { x: [-1, 1], y: [-1, 1], steps: 3 });
    const rows = (c as { data: { values: Record<string, number>[] } }).data.values;
    const corner = rows.find((r) => r.x === 1 && r.y === 1) as Record<string, number>;
    expect(corner.x2 - corner.x).toBeCloseTo(0.9 / Math.SQRT2, 5);
    expect(corner.y2 - corner.y).toBeCloseTo(0.9 / Math.SQRT2, 5);
    // Up and to the right on screen is −45° in Vega's clockwise angles.
    expect(corner.angle).toBeCloseTo(-45, 5);
    const centre = rows.find((r) => r.x === 0 && r.y === 0) as Record<string, number>;
    expect(centre.x2).toBe(0);
  });

  it("says what a bad return value was", () => {
    expect(() => plot.vectorField(() => [1] as unknown as [number, number], { x: [0, 1], y: [0, 1] })).toThrow(plotMsg.vectorValue(0, 0, "an array of 1"));
  });
});
