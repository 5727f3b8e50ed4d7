// The public plot/show surface type-checks the way students write notebook cells
// (checked by `npm run typecheck`; the runtime assertions keep the file a real test).
import { describe, expect, expectTypeOf, it } from "vitest";
import { plot, show, tensor } from "../../../src/index";
import type { MimeBundle } from "../../../src/hooks";

describe("plot types", () => {
  it("accepts the value kinds students have at hand", () => {
    const losses: number[] = [1, 0.5];
    const box = { x: [-2, 2], y: [-2, 2] };
    const weights: number[][] = [[1, -1], [0.5, 0.2]];
    const charts: plot.Chart[] = [
      plot.line(losses),
      plot.line({ train: losses, test: new Float64Array(losses) }),
      plot.scatter(tensor([1, 2]), losses),
      plot.lossCurve([{ name: "run", y: losses }], { logY: true }),
      plot.heatmap((a, b) => tensor(a).mul(b), { ...box, trajectories: [weights] }),
      plot.vectorField((a, b) => [a, b], box),
      plot.slider({ name: "lr", values: [0.1, 0.2], runs: [losses, losses] }),
      plot.slider({ params: [{ name: "depth", values: [1] }, { name: "lr", values: [0.1] }], runs: [{ at: { depth: 1, lr: 0.1 }, y: losses, note: "η = 0.1" }] }),
      plot.matrix(weights, { rows: ["a", "b"], cols: ["x", "y"], categories: [[-1, "no"], [1, "yes"]] }),
      plot.layer({ legend: "top-left" }, plot.line(losses), plot.line(losses)),
      plot.hconcat({ sharedColor: true }, plot.matrix(tensor(weights)), plot.matrix(weights)),
    ];
    expectTypeOf(plot.layer(charts[0], charts[1])).toEqualTypeOf<plot.Chart>();
    expectTypeOf(show).returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf<MimeBundle["text/plain"]>().toEqualTypeOf<string>();
    expect(charts).toHaveLength(11);
  });
});
