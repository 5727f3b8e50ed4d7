import { describe, expect, it } from "vitest";
import { plot } from "../../../src/index";
import { renderSvg, renderSvgAsync } from "../../../src/plot/render";
import { lectureF } from "./helpers";

describe("renderSvg", () => {
  it("gives the same SVG synchronously as vega's asynchronous toSVG", async () => {
    const charts = [
      plot.lossCurve({ a: [3, 2, 1.5, 1.2], b: [3, 5, NaN, NaN] }, { title: "runs" }),
      plot.graph(lectureF().f),
      plot.hconcat(plot.line([1, 2, 3]), plot.scatter([1, 2], [3, 4])),
    ];
    for (const c of charts) expect(renderSvg(c)).toBe(await renderSvgAsync(c));
  });

  it("draws marks and text", () => {
    const svg = renderSvg(plot.line({ up: [1, 2, 3] }, { title: "Rising" }));
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain('class="mark-line');
    expect(svg).toContain(">Rising</text>");
  });
});
