// Every builder's output is a valid Vega-Lite v5 spec, renders to SVG with marks in Node,
// and keeps its structure (mark types, encodings, data lengths; not bytes).
import { beforeAll, describe, expect, it } from "vitest";
import { nn, plot, tensor, manualSeed } from "../../../src/index";
import type { Chart } from "../../../src/plot/index";
import { lectureF, schemaErrors, structure } from "./helpers";

function mlpLoss() {
  manualSeed(0);
  const net = new nn.Sequential(new nn.Linear(1, 8), new nn.Tanh(), new nn.Linear(8, 1));
  const x = tensor([[0], [0.5], [1]]), y = tensor([[0], [1], [0]]);
  const loss = nn.mseLoss(net.forward(x), y);
  loss.backward();
  return { loss, net };
}

const bowl = (a: number, b: number) => a * a + 2 * b * b;
const cases: [string, () => Chart][] = [
  ["line", () => plot.line({ sin: [0, 0.8, 0.9, 0.1], cos: new Float64Array([1, 0.5, -0.4, -1]) })],
  ["line log y", () => plot.line(tensor([1, 0.1, 0.01]), { logY: true })],
  ["scatter", () => plot.scatter([1, 2, 3], [2, 4, 5], { xTitle: "x", yTitle: "y" })],
  ["lossCurve with a diverged run", () => plot.lossCurve({ ok: [1, 0.5, 0.25], bad: [1, 4, Infinity] }, { logY: true })],
  ["heatmap with trajectories", () => plot.heatmap(bowl, { x: [-2, 2], y: [-2, 2], steps: 10, trajectories: [[[1.5, 1.5], [1, 0.5], [0.5, 0.1]]] })],
  ["heatmap with levels", () => plot.heatmap((a, b) => Math.sin(a * a + b * b), { x: [-3, 3], y: [-3, 3], steps: 12, levels: 8 })],
  ["vectorField", () => plot.vectorField((a, b) => [2 * a, 4 * b], { x: [-2, 2], y: [-2, 2], steps: 5, color: "magnitude" })],
  ["layer", () => plot.layer(plot.scatter([0, 1, 2], [0, 1.1, 1.9]), plot.line({ name: "fit", x: [0, 2], y: [0, 2] }))],
  ["hconcat", () => plot.hconcat(plot.line([1, 2]), plot.lossCurve([2, 1]))],
  ["vconcat", () => plot.vconcat(plot.line([1, 2]), plot.scatter([1, 2], [2, 1]))],
  ["slider", () => plot.slider({ name: "depth", values: [0, 5, 10], runs: [[1, 0.5, 0.1], [1, 0.9, 0.2], [1, 1, NaN]], logY: true })],
  ["slider with two params and notes", () => plot.slider({ params: [{ name: "d", values: [1, 2] }, { name: "lr", values: [0.1, 0.3] }], runs: [1, 2].flatMap((d) => [0.1, 0.3].map((lr) => ({ at: { d, lr }, y: [1, d * lr], note: `d ${d}` }))) })],
  ["matrix with categories and a missing cell", () => plot.matrix([[1, -1], [NaN, 1]], { rows: ["a", "b"], cols: ["f1", "f2"], categories: [[-1, "no"], [1, "yes"]], missing: "none", outline: [[0, 0]] })],
  ["matrix frames beside a line", () => plot.hconcat({ sharedColor: true }, plot.line([1, 2]), plot.matrix([[[1, 0]], [[0, 1]]], { frames: { name: "epoch", values: [1, 2] }, text: ".1f" }))],
  ["graph of the lecture's f", () => plot.graph(lectureF().f)],
  ["graph of an MLP loss", () => { const { loss, net } = mlpLoss(); return plot.graph(loss, { names: net }); }],
];

describe("plot builders", () => {
  // Compiling the Vega-Lite schema takes a few seconds on a busy machine; do it once, up front.
  beforeAll(() => { schemaErrors({}); }, 60_000);

  it.each(cases)("%s validates against the Vega-Lite v5 schema", (_, build) => {
    const spec = build();
    expect(spec.$schema).toBe("https://vega.github.io/schema/vega-lite/v5.json");
    expect(schemaErrors(spec)).toEqual([]);
  });

  it.each(cases)("%s renders to an SVG with marks", (_, build) => {
    const svg = plot.renderSvg(build());
    expect(svg).toMatch(/^<svg/);
    expect(svg).toMatch(/class="mark-(line|symbol|rect|rule|text)/);
  });

  it.each(cases)("%s keeps its structure", (_, build) => {
    expect(structure(build())).toMatchSnapshot();
  });

  it("the validator rejects a misspelled mark", () => {
    expect(schemaErrors({ mark: "lien", data: { values: [] } })).not.toEqual([]);
  });
});
