import { describe, expect, it } from "vitest";
import { plot, tensor } from "../../../src/index";
import { plotMsg } from "../../../src/plot/messages";

type Unit = { transform?: { filter?: string }[]; encoding: Record<string, Record<string, unknown>> };
type Spec = { params?: { name: string }[]; data: { values: Record<string, unknown>[] }; layer: Unit[] };
const spec = (c: unknown) => c as Spec;
const items = ["Goldfish", "Tuna"];

describe("matrix", () => {
  it("draws whole cells on ordinal axes in the order of the row and column names", () => {
    const c = spec(plot.matrix(tensor([[1, 0.2], [0.2, 1]]), { rows: items, cols: items, domain: [0, 1] }));
    expect(c.data.values[1]).toEqual({ r: "Goldfish", c: "Tuna", v: 0.2 });
    expect(c.layer[0].encoding.x).toMatchObject({ field: "c", type: "ordinal", scale: { domain: items } });
    expect(c.layer[0].encoding.y).toMatchObject({ field: "r", type: "ordinal", scale: { domain: items } });
    expect(c.layer[0].encoding.color).toMatchObject({ type: "quantitative", scale: { domain: [0, 1] } });
    const svg = plot.renderSvg(c as never);
    expect(svg).toContain(">Goldfish<");
    expect(svg.match(/<path[^>]*role="graphics-symbol" aria-roledescription="rect mark"/g)).toHaveLength(4);
  });

  it("gives discrete values their labels, as a ±1 feature's no / yes", () => {
    const c = spec(plot.matrix([[1, -1], [-1, 1]], { categories: [[-1, "no"], [1, "yes"]] }));
    expect(c.data.values.map((r) => r.label)).toEqual(["yes", "no", "no", "yes"]);
    expect(c.layer[0].encoding.color).toMatchObject({ field: "label", type: "nominal", scale: { domain: ["no", "yes"] } });
    const svg = plot.renderSvg(c as never);
    expect(svg).toContain(">no<");
    expect(svg).toContain(">yes<");
  });

  it("draws NaN cells grey and names them in the legend", () => {
    const c = spec(plot.matrix([[120, NaN]], { missing: "did not converge", text: "d" }));
    expect(c.layer[1].transform?.[0]).toEqual({ filter: "datum.v === null" });
    const svg = plot.renderSvg(c as never);
    expect(svg).toContain(">did not converge<");
    expect(svg).toContain(">120<");
  });

  it("outlines chosen cells", () => {
    const c = spec(plot.matrix([[1, 2], [3, 4]], { outline: [[1, 0]] }));
    expect((c.layer.at(-1) as unknown as { data: { values: unknown[] } }).data.values).toEqual([{ r: "1", c: "0" }]);
  });

  it("shows one of several frames, picked by a slider, named in the title", () => {
    const c = spec(plot.matrix([[[1]], [[2]], [[3]]], { frames: { name: "epoch", values: [10, 20, 30], init: 20 }, title: "RSM" }));
    expect(c.params).toEqual([{ name: "epoch", value: 20, bind: { input: "range", min: 10, max: 30, step: 10, name: "epoch " } }]);
    expect(c.layer[0].transform?.[0]).toEqual({ filter: "abs(datum.p - epoch) < 5" });
    expect(plot.renderSvg(c as never)).toContain("RSM, epoch = 20");
  });

  it("says in the static copy of a framed matrix where its slider works", () => {
    const framed = plot.renderSvg(plot.matrix([[[1]], [[2]]], { frames: { name: "epoch", values: [1, 2] } }));
    expect(framed).toContain("in JupyterLab and VS Code)");
    expect(plot.renderSvg(plot.matrix([[1]]))).not.toContain("JupyterLab");
  });

  it("explains bad input", () => {
    expect(() => plot.matrix([[1, 2], [3]])).toThrow(plotMsg.matrixValues("matrix", "an array of 2"));
    expect(() => plot.matrix([[1, 2]], { rows: ["a", "b"] })).toThrow(plotMsg.matrixNames(1, 2, 2, 2));
    expect(() => plot.matrix([[[1]], [[2]]], { frames: { name: "t", values: [1] } })).toThrow(plotMsg.matrixFrames(2, 1));
    expect(() => plot.matrix([[[1]], [[2, 3]]], { frames: { name: "t", values: [1, 2] } })).toThrow(plotMsg.matrixShapes());
  });
});
