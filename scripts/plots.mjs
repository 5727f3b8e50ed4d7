// Renders every plot builder and the course's charts to PNG in plots-out/ so a person can look
// at them (`npm run plots`, after a build). Prints one line per chart with its timings.
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL("..", import.meta.url));
const g = require(`${root}dist/src/index.js`);
const { Resvg } = require("@resvg/resvg-js");
const { plot } = g;
const out = `${root}plots-out`;
mkdirSync(out, { recursive: true });

function save(name, chart) {
  const t0 = performance.now();
  const svg = plot.renderSvg(chart);
  const t1 = performance.now();
  const png = new Resvg(svg, { fitTo: { mode: "zoom", value: 2 }, background: "white", font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" } }).render().asPng();
  writeFileSync(`${out}/${name}.png`, png);
  writeFileSync(`${out}/${name}.vl.json`, JSON.stringify(chart));
  console.log(`${name.padEnd(28)} svg ${(t1 - t0).toFixed(0).padStart(4)} ms, png ${(performance.now() - t1).toFixed(0).padStart(4)} ms, ${png.length} bytes`);
}

// A small seeded generator so the pictures are the same on every run.
let seed = 2021;
const rand = () => ((seed = (seed * 1664525 + 1013904223) % 4294967296) / 4294967296);
const randn = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
const range = (n, f) => Array.from({ length: n }, (_, i) => f(i));

// Basic builders.
const xs = range(100, (i) => i / 10);
save("line-two-series", plot.line([{ name: "sin", x: xs, y: xs.map(Math.sin) }, { name: "cos", x: xs, y: xs.map(Math.cos) }], { title: "line: two series" }));
save("line-log-y", plot.line([{ name: "2^-x", x: xs, y: xs.map((x) => 2 ** -x) }, { name: "10^-x", x: xs, y: xs.map((x) => 10 ** -x) }], { logY: true, title: "line: log y" }));
const inputs = range(32, (i) => -1 + (2 * i) / 31);
const targets = inputs.map((x) => Math.sin(Math.PI * x) + randn() / 4);
save("scatter", plot.scatter(inputs, targets, { xTitle: "x (inputs)", yTitle: "y (targets)", title: "scatter: the T1 data set" }));
const fit = plot.line({ name: "prediction", x: inputs, y: inputs.map((x) => Math.sin(Math.PI * x)) }, { color: "#d62728" });
const regression = plot.layer(plot.scatter(inputs, targets, { title: "Regression" }), fit);
const t1Loss = range(1847, (i) => 0.065 + 0.6 * Math.exp(-i / 250) + 0.01 * Math.exp(-i / 30) * Math.sin(i));
save("layer-scatter-line", regression);
save("loss-curve", plot.lossCurve(t1Loss, { yTitle: "MSE", title: "Training loss" }));
save("hconcat-ex3", plot.hconcat(regression, plot.lossCurve(t1Loss, { yTitle: "MSE", title: "Training loss", width: 300 })));

// Learning-rate ladder with diverging runs (NaN after overflow), clipped and marked.
function ladder(lr) {
  let w = 0.5;
  return range(60, () => { const l = (w - 2) ** 2; w -= lr * 2 * (w - 2); return l > 1e300 ? NaN : l; });
}
save("loss-curve-diverged", plot.lossCurve({ "lr=0.1": ladder(0.1), "lr=0.3": ladder(0.3), "lr=1.05": ladder(1.05), "lr=3": ladder(3) }, { logY: true, title: "lossCurve: diverged runs" }));

// T2 landscape: y = x on 10 points, loss(w1, w2) = mean((y - w1 w2 x)^2), GD paths.
const px = range(10, (i) => i / 9);
const loss = (w1, w2) => px.reduce((s, x) => s + (x - w1 * w2 * x) ** 2, 0) / px.length;
const grad = (w1, w2) => {
  const e = px.map((x) => x - w1 * w2 * x);
  return [-px.reduce((s, x, i) => s + 2 * w2 * x * e[i], 0) / 10, -px.reduce((s, x, i) => s + 2 * w1 * x * e[i], 0) / 10];
};
const path = (w, lr, n) => range(n, () => { const [d1, d2] = grad(w[0], w[1]); w = [w[0] - lr * d1, w[1] - lr * d2]; return w; });
const inits = [[0.5, -0.5], [0.55, -0.45], [-1.8, 1.7]];
const trajectories = inits.map((w) => ({ name: `init ${w}`, points: [w, ...path(w, 0.15, 40)] }));
const box = { x: [-1.9, 1.9], y: [-1.9, 1.9], xTitle: "w1", yTitle: "w2" };
save("heatmap-landscape", plot.heatmap((a, b) => Math.log(loss(a, b) + 0.001), { ...box, colorTitle: "log(loss)", scheme: "redblue", trajectories, title: "Loss landscape and GD paths" }));
save("vector-field-landscape", plot.vectorField((a, b) => grad(a, b).map((v) => -v), { ...box, steps: 20, color: "magnitude", normalize: true, title: "−∇loss (direction; colour = size)" }));

// T1 ex1_plot: sin(x^2 + y^2) as bands with its gradient on top.
const h = (x, y) => Math.sin(x * x + y * y);
const dh = (x, y) => [2 * x * Math.cos(x * x + y * y), 2 * y * Math.cos(x * x + y * y)];
const sq = { x: [-3, 3], y: [-3, 3] };
save("heatmap-contour-sin", plot.heatmap(h, { ...sq, steps: 100, levels: 20, colorTitle: "z = h(x, y)" }));
save("gradient-field-sin", plot.layer(plot.heatmap(h, { ...sq, steps: 100, levels: 20, colorTitle: "z = h(x, y)", title: "Gradient vectors point towards steepest ascent" }), plot.vectorField(dh, { x: [-2.5, 2.5], y: [-2.5, 2.5], steps: 11, scale: 0.06 })));

// The lecture's computational graph, before and after backward.
const [x, y, z] = [0.5, 1.0, 2.0].map((v, i) => { const t = g.tensor(v, { requiresGrad: true }); t.name = "xyz"[i]; return t; });
const f = g.tanh(g.log(g.add(1, g.mul(z, g.div(g.mul(2, x), g.sin(y))))));
save("graph-lecture-forward", plot.graph(f, { title: "f = tanh(ln(1 + z·2x / sin y))" }));
f.backward();
save("graph-lecture-backward", plot.graph(f, { title: "f = tanh(ln(1 + z·2x / sin y))" }));

// A small MLP loss, collapsed to layers.
g.manualSeed(2021);
const net = new g.nn.Sequential(new g.nn.Linear(1, 16), new g.nn.Tanh(), new g.nn.Linear(16, 1));
const X = g.tensor(inputs.map((v) => [v])), Y = g.tensor(targets.map((v) => [v]));
const mse = g.nn.functional?.mseLoss ? g.nn.functional.mseLoss(net.forward(X), Y) : new g.nn.MSELoss().forward(net.forward(X), Y);
mse.backward();
save("graph-mlp", plot.graph(mse, { names: net, title: "MLP loss" }));

// Slider demos: deep narrow linear nets (T2), runs precomputed, default position shown.
const dx = range(100, () => rand()), dy = dx.map((v) => 2 * v + 0.1 * randn());
function deepRun(n, lr, w0, epochs) {
  const W = new Array(n).fill(w0);
  const losses = new Array(epochs).fill(NaN);
  for (let e = 0; e < epochs; e++) {
    const p = W.reduce((a, b) => a * b, 1);
    const err = dx.map((v, i) => dy[i] - p * v);
    losses[e] = err.reduce((s, v) => s + v * v / 2, 0) / dx.length;
    const ex = dx.reduce((s, v, i) => s + v * err[i], 0) / dx.length;
    const dW = W.map((w) => -ex * p / (w + 1e-9));
    if (dW.some((v) => !Number.isFinite(v))) break;
    W.forEach((_, i) => { W[i] -= lr * dW[i]; });
  }
  return losses;
}
const depths = range(11, (i) => 5 * i);
save("slider-depth", plot.slider({ name: "depth", values: depths, runs: depths.map((d) => deepRun(d + 1, d === 0 ? 0.02 : 0.01, 0.9, 600)), logY: true, yTitle: "log MSE", title: "Effect of depth" }));
const lrs = range(9, (i) => 0.005 * (i + 1));
save("slider-lr", plot.slider({ name: "eta", label: "η", values: lrs, runs: lrs.map((lr) => deepRun(51, lr, 0.9, 600)), logY: true, init: 0.02, title: "Learning rate, depth 50" }));
const w0s = range(8, (i) => 0.7 + 0.05 * i);
save("slider-init", plot.slider({ name: "w0", label: "initial weight", values: w0s, runs: w0s.map((w) => deepRun(15, 0.02, w, 250)), logY: true, title: "Initialisation, depth 15" }));
save("line-init-effect", plot.lossCurve(Object.fromEntries(w0s.map((w) => [`initial weights ${w.toFixed(2)}`, deepRun(15, 0.02, w, 250)])), { logY: true, yTitle: "log MSE" }));

// Matrices: the T3 one-hot inputs and ±1 features with names, and RSMs on one colour scale.
const items = ["Goldfish", "Tuna", "Robin", "Canary", "Rose", "Daisy", "Pine", "Oak"];
const features = items.map(() => range(10, () => (rand() > 0.5 ? 1 : -1)));
save("matrix-features", plot.matrix(features, { rows: items, cols: range(10, (k) => `feature ${k + 1}`), categories: [[-1, "no (−1)"], [1, "yes (+1)"]], title: "±1 features" }));
const rsm = (t) => items.map((_, i) => items.map((_, j) => (i === j ? 1 : Math.exp(-t * Math.abs((i >> 1) - (j >> 1))))));
save("matrix-rsm-panels", plot.hconcat({ sharedColor: true }, plot.matrix(rsm(0.5), { rows: items, cols: items, domain: [0, 1], title: "early" }), plot.matrix(rsm(3), { rows: items, cols: items, domain: [0, 1], title: "late" })));
save("matrix-missing", plot.matrix([[120, 60, NaN], [300, NaN, NaN]], { rows: ["depth 10", "depth 20"], cols: ["0.01", "0.02", "0.03"], missing: "did not converge", text: "d", outline: [[0, 1], [1, 0]] }));
// Two sliders, and a slider shared by a curve (its cursor) and a matrix.
save("slider-two", plot.slider({ params: [{ name: "depth", values: [10, 30, 50] }, { name: "eta", label: "η", values: lrs }], runs: [10, 30, 50].flatMap((d) => lrs.map((eta) => ({ at: { depth: d, eta }, y: deepRun(d, eta, 0.9, 600) }))), logY: true, maxPoints: 150, init: 0.02 }));
save("slider-frames", plot.hconcat(plot.line({ loss: t1Loss.slice(0, 200) }, { cursor: "epoch" }), plot.matrix(range(5, (k) => rsm(k)), { rows: items, cols: items, domain: [0, 1], frames: { name: "epoch", values: range(5, (k) => 40 * k), init: 80 } })));
// The T2 landscape, blue for low loss, with arrows downhill.
save("heatmap-arrows", plot.heatmap((a, b) => Math.log(loss(a, b) + 0.001), { ...box, colorTitle: "log(loss)", scheme: "redblue", reverse: true, trajectories, arrows: { field: (a, b) => grad(a, b).map((v) => -v), steps: 15, normalize: true, color: "#444444" } }));
