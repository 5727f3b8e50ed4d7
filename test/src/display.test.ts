import { afterEach, describe, expect, it, vi } from "vitest";
import { plot, show, tensor } from "../../src/index";
import { displayBundle, setDisplaySink, type MimeBundle } from "../../src/hooks";
import { plotMsg } from "../../src/plot/messages";

const VL = "application/vnd.vegalite.v5+json";
afterEach(() => setDisplaySink(null));

describe("show", () => {
  it("sends one bundle with the Vega-Lite spec as an object, an SVG fallback and text", async () => {
    const got: MimeBundle[] = [];
    setDisplaySink((b) => { got.push(b); });
    const chart = plot.lossCurve([1, 0.5, 0.25]);
    await show(chart);
    expect(got).toHaveLength(1);
    expect(got[0][VL]).toEqual(JSON.parse(JSON.stringify(chart)));
    expect(got[0]["image/svg+xml"]).toMatch(/^<svg[\s\S]*class="mark-line/);
    expect(got[0]["text/plain"]).toBe("<Vega-Lite chart: lossCurve, 1 series, 3 points>");
  });

  it("waits for an asynchronous sink before resolving", async () => {
    let sent = false;
    setDisplaySink(async () => { await new Promise((r) => setTimeout(r, 10)); sent = true; });
    await show(plot.line([1, 2]));
    expect(sent).toBe(true);
  });

  it("displays a hand-written spec and a tensor", async () => {
    const spec = { $schema: "https://vega.github.io/schema/vega-lite/v5.json", data: { values: [{ a: 1 }] }, mark: "point", encoding: { x: { field: "a", type: "quantitative" } } };
    const b = await displayBundle(spec);
    expect(b[VL]).toEqual(spec);
    expect(b["image/svg+xml"]).toContain("mark-symbol");
    const t = await displayBundle(tensor([1, 2]));
    expect(t["text/plain"]).toBe(tensor([1, 2]).toString());
  });

  it("prints the text form when no kernel installed a sink", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    await show(plot.line([1, 2]));
    expect(log).toHaveBeenCalledWith("<Vega-Lite chart: line, 1 series, 2 points>");
    log.mockRestore();
  });

  it("rejects values it cannot display", async () => {
    await expect(show(42)).rejects.toThrow(plotMsg.notDisplayable("number 42"));
  });
});

describe("displayBundle", () => {
  it("still returns the spec, with the reason in the text, when vega cannot render it", async () => {
    const broken = { $schema: "https://vega.github.io/schema/vega-lite/v5.json", data: { values: [{ a: 1 }] }, transform: [{ calculate: "datum.a +* 2", as: "b" }], mark: "point" };
    const b = await displayBundle(broken);
    expect(b[VL]).toEqual(broken);
    expect(b["image/svg+xml"]).toBeUndefined();
    expect(b["text/plain"]).toMatch(/^<Vega-Lite chart>\nshow: the chart could not be rendered to SVG \(.+\)\.$/);
  });
});
