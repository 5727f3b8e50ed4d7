// TensorFlow.js with its WebAssembly backend (SIMD, one thread in Node: the JS world's fastest CPU
// peer), on the same W2 and W3 as bench/library.mjs: `node bench/tfjs.mjs w2|w3 [--sizes 256,512]`
// prints one JSON line per case. Dev-only (devDependencies: @tensorflow/tfjs, -backend-wasm).
import { createRequire } from "node:module";
import { W2, emit, now, parseArgs, stats, w2Data, w2Flops } from "./workload-data.mjs";

const require = createRequire(import.meta.url);
const tf = require("@tensorflow/tfjs");
require("@tensorflow/tfjs-backend-wasm");
await tf.setBackend("wasm");
const peer = "tfjs-wasm";
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

function w2() {
  const d = w2Data();
  const x = tf.tensor2d(Float32Array.from(d.x), [W2.B, W2.IN]);
  const y = tf.oneHot(tf.tensor1d(d.labels, "int32"), W2.OUT);
  const params = d.layers.flatMap((l) => [tf.variable(tf.tensor2d(Float32Array.from(l.kernel), [l.nin, l.nout])), tf.variable(tf.tensor1d(Float32Array.from(l.bias)))]);
  const [w1, b1, w2v, b2, w3, b3] = params;
  const opt = tf.train.momentum(W2.LR, W2.MOM);
  const loss = () => tf.losses.softmaxCrossEntropy(y, x.matMul(w1).add(b1).relu().matMul(w2v).add(b2).relu().matMul(w3).add(b3));
  const losses = [];
  const step = () => {
    const l = opt.minimize(loss, true, params);
    losses.push(l.dataSync()[0]);
    l.dispose();
  };
  for (let i = 0; i < 10; i++) step();
  const ms = [];
  for (let r = 0; r < 7; r++) {
    const t0 = now();
    for (let i = 0; i < 20; i++) step();
    ms.push((now() - t0) / 20);
  }
  const s = stats(ms);
  emit({ workload: "w2", case: "784-128-128-10 b128 f32", peer, unit: "ms/step", ...s, gflops: w2Flops() / s.median / 1e6, check: { loss10: losses[9] } });
}

function w3(sizes) {
  for (const n of sizes) {
    const a = tf.randomUniform([n, n], -0.5, 0.5), b = tf.randomUniform([n, n], -0.5, 0.5);
    const product = () => { const c = tf.matMul(a, b); c.dataSync(); c.dispose(); };
    let t0 = now();
    while (now() - t0 < 300) product();
    t0 = now();
    product();
    const reps = Math.max(1, Math.ceil(50 / Math.max(now() - t0, 1e-3)));
    const rates = [], cpuRates = [];
    for (let s = 0; s < 7; s++) {
      t0 = now();
      const c0 = cpuMs();
      for (let r = 0; r < reps; r++) product();
      rates.push((2 * n ** 3 * reps) / ((now() - t0) / 1000) / 1e9);
      cpuRates.push((2 * n ** 3 * reps) / ((cpuMs() - c0) / 1000) / 1e9);
    }
    // Also in CPU time (one thread, as gradlab-1t's in w3-gemm.mjs): on a shared machine the two
    // run minutes apart, and wall time counts the other processes' turns on the core.
    emit({ workload: "w3", case: `f32 n=${n}`, peer, unit: "GFLOP/s", ...stats(rates), cpu: stats(cpuRates) });
  }
}

const args = parseArgs(process.argv);
const which = process.argv[2];
if (which === "w2") w2();
else if (which === "w3") w3((args.sizes ?? "256,512,1024").split(",").map(Number));
else throw new Error(`tfjs.mjs: unknown workload ${which}; use w2 or w3`);
