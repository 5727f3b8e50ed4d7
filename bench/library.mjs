// gradlab's side of the benchmark: one workload per process (`node bench/library.mjs w1|w2|w4
// [--dtype float32] [--threads 1]`), on the exact data of workload-data.mjs, printing one JSON
// line per measured case (float64 and two threads unless asked otherwise).
import { createRequire } from "node:module";
import { W1, W2, W4, emit, now, parseArgs, spiral, stats, w1Data, w2Data, w2Flops, w4Layers, w4Settings } from "./workload-data.mjs";

const g = createRequire(import.meta.url)("../dist/src/index.js");
const { nn, optim, tensor, noGrad } = g;
const args = parseArgs(process.argv);
const dtype = args.dtype ?? "float64";
const threads = Number(args.threads ?? 2);
g.setNumThreads(threads);
const peer = threads === 1 ? "gradlab-1t" : "gradlab";

// W1: 50 scalar parameters, h ← w_k·h over 100 examples, MSE, plain SGD.
function w1Run(x, y, steps, lossAt) {
  const ws = Array.from({ length: W1.D }, () => new nn.Parameter(new Float64Array([W1.W0]), [1]));
  const opt = new optim.SGD(ws, { lr: W1.LR });
  const mse = new nn.MSELoss();
  let checked;
  for (let s = 1; s <= steps; s++) {
    opt.zeroGrad();
    let h = x;
    for (const w of ws) h = w.mul(h);
    const loss = mse.forward(h, y);
    loss.backward();
    opt.step();
    if (s === lossAt) checked = loss.item();
  }
  return checked;
}

function w1() {
  const d = w1Data();
  const x = tensor(d.x), y = tensor(d.y);
  // The loss computed in step 10 (the notes' check value).
  const check = w1Run(x, y, 10, 10);
  w1Run(x, y, W1.STEPS);
  const ms = [];
  for (let r = 0; r < 5; r++) {
    const t0 = now();
    w1Run(x, y, W1.STEPS);
    ms.push((now() - t0) / W1.STEPS);
  }
  emit({ workload: "w1", case: "D50_P100", peer, unit: "ms/step", ...stats(ms), check: { lossAfter10: check } });
}

// Builds a Linear from workload-data's init (kernel stored [in, out] → weight [out, in]).
function linearFrom(init) {
  const layer = new nn.Linear(init.nin, init.nout);
  const w = new Float64Array(init.nin * init.nout);
  for (let i = 0; i < init.nin; i++) for (let o = 0; o < init.nout; o++) w[o * init.nin + i] = init.kernel[i * init.nout + o];
  noGrad(() => { layer.weight.data.set(w); layer.bias.data.set(init.bias); });
  return layer;
}

function w2() {
  const d = w2Data();
  const x = tensor(d.x, { dtype }).reshape(W2.B, W2.IN), labels = tensor(d.labels);
  const [l1, l2, l3] = d.layers.map(linearFrom);
  const model = new nn.Sequential(l1, new nn.ReLU(), l2, new nn.ReLU(), l3).to(dtype);
  const opt = new optim.SGD(model.parameters(), { lr: W2.LR, momentum: W2.MOM });
  const ce = new nn.CrossEntropyLoss();
  const losses = [];
  const step = () => {
    opt.zeroGrad();
    const loss = ce.forward(model.forward(x), labels);
    loss.backward();
    opt.step();
    losses.push(loss.item());
  };
  for (let i = 0; i < 10; i++) step();
  const block = 10, ms = [];
  for (let r = 0; r < 5; r++) {
    const t0 = now();
    for (let i = 0; i < block; i++) step();
    ms.push((now() - t0) / block);
  }
  const s = stats(ms);
  emit({ workload: "w2", case: `784-128-128-10 b128 ${dtype === "float32" ? "f32" : "f64"}`, peer, unit: "ms/step", ...s, gflops: w2Flops() / s.median / 1e6, check: { loss1: losses[0], loss10: losses[9] } });
}

function w4Sweep(x, labels, finals) {
  const ce = new nn.CrossEntropyLoss();
  for (const { depth, lr, seed } of w4Settings()) {
    const layers = [];
    w4Layers(depth, seed).forEach((init, l, all) => {
      layers.push(linearFrom(init));
      if (l + 1 < all.length) layers.push(new nn.Tanh());
    });
    const model = new nn.Sequential(...layers);
    const opt = new optim.SGD(model.parameters(), { lr });
    let loss;
    for (let s = 0; s < W4.STEPS; s++) {
      opt.zeroGrad();
      loss = ce.forward(model.forward(x), labels);
      loss.backward();
      opt.step();
    }
    finals?.push({ depth, lr, loss: loss.item() });
  }
}

function w4() {
  const d = spiral();
  const x = tensor(d.x).reshape(W4.N, 2), labels = tensor(d.labels);
  const finals = [];
  w4Sweep(x, labels, finals);
  const s = [];
  for (let r = 0; r < 3; r++) {
    const t0 = now();
    w4Sweep(x, labels);
    s.push((now() - t0) / 1000);
  }
  const check = finals.find((f) => f.depth === 2 && f.lr === 0.3).loss;
  emit({ workload: "w4", case: "20 settings × 500 steps", peer, unit: "s/sweep", ...stats(s), check: { depth2lr03: check } });
}

const workloads = { w1, w2, w4 };
const which = process.argv[2];
if (!(which in workloads)) throw new Error(`library.mjs: unknown workload ${which}; use w1, w2 or w4`);
workloads[which]();
