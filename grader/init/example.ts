import type { Notebook } from "../notebook";
import { GRADLAB_KERNELSPEC } from "../release";

// The example exercise `gradlab init` puts in a new course's solutions/: every authoring feature in
// one short notebook — a data file, seeded randomness, public and hidden tests, partial credit, a
// free-text question — that `gradlab assign` accepts as it is.

/** The example's name (solutions/NAME.ipynb). */
export const EXAMPLE_NAME = "linear-fit";

/** The data file it reads, relative to solutions/: 20 points near y = 2x + 1. */
export const EXAMPLE_DATA = {
  path: "data/points.csv",
  text: "x,y\n" + Array.from({ length: 20 }, (_, i) => {
    const x = -1 + (2 * i) / 19;
    const noise = 0.1 * Math.sin(7 * i);
    return `${x.toFixed(4)},${(2 * x + 1 + noise).toFixed(4)}`;
  }).join("\n") + "\n",
};

const md = (id: string, text: string) => ({ id, cell_type: "markdown" as const, metadata: {}, source: text });
const code = (id: string, text: string) => ({ id, cell_type: "code" as const, metadata: {}, source: text, outputs: [], execution_count: null });

/** The source notebook. */
export function exampleNotebook(): Notebook {
  return {
    nbformat: 4, nbformat_minor: 5,
    metadata: { kernelspec: { ...GRADLAB_KERNELSPEC }, language_info: { name: "typescript", file_extension: ".ts", mimetype: "text/typescript" }, gradlab: { files: [EXAMPLE_DATA.path] } },
    cells: [
      md("intro", "# Fitting a line by gradient descent\n\nThe points in `data/points.csv` lie near a line. Fit `y ≈ w·x + b` by minimising the mean squared error."),
      code("data", [
        'import * as fs from "fs";',
        'const rows = fs.readFileSync("data/points.csv", "utf8").trim().split("\\n").slice(1).map((line) => line.split(",").map(Number));',
        "const x = tensor(rows.map((r) => r[0]));",
        "const y = tensor(rows.map((r) => r[1]));",
        "manualSeed(2021); // the random start of section 2 is the same in every run",
      ].join("\n")),
      md("loss-md", "## 1. The loss\n\nWrite `mseLoss(w, b)`: the mean of `(w·x + b − y)²` over the points."),
      code("loss", "function mseLoss(w: Tensor, b: Tensor): Tensor {\n  // BEGIN SOLUTION\n  return x.mul(w).add(b).sub(y).pow(2).mean();\n  // END SOLUTION\n}"),
      code("loss-test", '// @test loss points=2\ncheck("loss at w = 1, b = 0", mseLoss(tensor(1), tensor(0)));'),
      code("loss-hidden", '// @test loss-hidden points=2 hidden\ncheck("loss at w = -0.5, b = 2", mseLoss(tensor(-0.5), tensor(2)));'),
      md("fit-md", "## 2. Training from a random start\n\nStart `w` and `b` at `randn` values, then take `steps` steps of SGD with learning rate `lr`. Return the final `w`, `b` and the loss before each step."),
      code("fit", [
        "function fit(steps: number, lr: number): { w: number; b: number; losses: number[] } {",
        "  const w = randn([1], { requiresGrad: true });",
        "  const b = randn([1], { requiresGrad: true });",
        "  const opt = new optim.SGD([w, b], { lr });",
        "  const losses: number[] = [];",
        "  // BEGIN SOLUTION",
        "  for (let i = 0; i < steps; i++) {",
        "    opt.zeroGrad();",
        "    const loss = mseLoss(w, b);",
        "    losses.push(loss.item());",
        "    loss.backward();",
        "    opt.step();",
        "  }",
        "  // END SOLUTION",
        "  return { w: w.item(), b: b.item(), losses };",
        "}",
      ].join("\n")),
      code("fit-test", [
        "// @test fit points=3 partial",
        "const trained = fit(100, 0.1);",
        'check("w after 100 steps", trained.w);',
        'check("b after 100 steps", trained.b);',
        'check("the loss went down", trained.losses.at(-1)! < trained.losses[0], { points: 1 });',
      ].join("\n")),
      code("fit-hidden", '// @test fit-hidden points=2 hidden\ncheck("w and b after 40 steps at lr 0.05", (({ w, b }) => [w, b])(fit(40, 0.05)));'),
      md("question", "**Question.** Training with `fit(100, 1.5)` diverges. Why? Answer in the cell below."),
      md("answer", "<!-- @manual explain-divergence points=2 -->\n<!-- BEGIN SOLUTION -->\nEach step overshoots the minimum: with a learning rate above 2 / (largest curvature of the loss), the error grows by a constant factor every step instead of shrinking.\n<!-- END SOLUTION -->"),
    ],
  };
}
