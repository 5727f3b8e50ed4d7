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
    ];
    expectTypeOf(plot.layer(charts[0], charts[1])).toEqualTypeOf<plot.Chart>();
    expectTypeOf(show).returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf<MimeBundle["text/plain"]>().toEqualTypeOf<string>();
    expect(charts).toHaveLength(7);
  });
});
