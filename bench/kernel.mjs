// Kernel and runner timings: kernel start → first kernel_info and history replies (jupyter console
// waits 1 s for its history), first cell, small-cell round trips over ZMQ (one cell run again, and
// new one-liners each time, as a student runs them; a minimal Jupyter client on tslab's own
// zeromq), and a 10-cell notebook on the
// embedded runner, cold (new child) and warm (pre-started child from a RunnerPool).
// Prints one JSON line per result (median, min, max, runs, target) to stdout; `npm run build` first.
import { spawn } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(root, "node_modules", "tslab", "package.json"));
const zmq = require("zeromq");
const { startRunner, RunnerPool, runNotebook } = createRequire(import.meta.url)(join(root, "dist/grader/runner/index.js"));
// NODE_EXTRA_CA_CERTS (set on this workplace's machines) adds ~30 ms to every node start; users do not have it.
const env = { ...process.env };
delete env.NODE_EXTRA_CA_CERTS;
const KERNEL_STARTS = Number(process.env.BENCH_KERNEL_STARTS ?? 5);
const ROUND_TRIPS = 30;
const INTERRUPT_TIMEOUT_MS = 30_000;
const NOTEBOOK_RUNS = Number(process.env.BENCH_NOTEBOOK_RUNS ?? 3);

// One-liners a student runs after the first cell (which defines `a`), each text new (`j` differs).
const NEW_SMALL_CELLS = [(j) => `${j} + 1`, (j) => `a.shape[0] + ${j}`, (j) => `Math.sqrt(${j})`, (j) => `a.mul(${j}).sum().item()`, (j) => `[${j}, 2, 3].length`];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function report(name, samples, targetMs) {
  // The record shape bench/run.mjs aggregates (as workload-data.mjs's stats + emit).
  const line = { workload: "kernel", case: name, unit: "ms", median: +median(samples).toFixed(2), min: +Math.min(...samples).toFixed(2), max: +Math.max(...samples).toFixed(2), n: samples.length };
  if (targetMs !== undefined) Object.assign(line, { target_ms: targetMs, met: median(samples) <= targetMs });
  console.log(JSON.stringify(line));
}

async function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A kernel process plus a shell DEALER and an IOPub SUB, speaking Jupyter messaging 5.3. */
async function startKernel() {
  const dir = mkdtempSync(join(tmpdir(), "gradlab-bench-"));
  const ports = {};
  for (const name of ["shell", "iopub", "stdin", "control", "hb"]) ports[`${name}_port`] = await freePort();
  const conn = { ...ports, ip: "127.0.0.1", transport: "tcp", key: randomUUID(), signature_scheme: "hmac-sha256", kernel_name: "gradlab" };
  const file = join(dir, "connection.json");
  writeFileSync(file, JSON.stringify(conn));
  const started = performance.now();
  const child = spawn(process.execPath, [join(root, "dist/kernel/main.js"), "--config-path", file], { cwd: dir, env, stdio: "ignore" });
  const shell = new zmq.Dealer();
  shell.connect(`tcp://127.0.0.1:${conn.shell_port}`);
  const control = new zmq.Dealer();
  control.connect(`tcp://127.0.0.1:${conn.control_port}`);
  const session = randomUUID();
  const sign = (parts) => parts.reduce((h, p) => h.update(p), createHmac("sha256", conn.key)).digest("hex");
  async function request(msgType, content, socket = shell) {
    const header = { msg_id: randomUUID(), session, username: "bench", date: new Date().toISOString(), msg_type: msgType, version: "5.3" };
    const parts = [header, {}, {}, content].map((p) => JSON.stringify(p));
    await socket.send(["<IDS|MSG>", sign(parts), ...parts]);
    for (;;) {
      const frames = await socket.receive();
      const at = frames.findIndex((f) => f.toString() === "<IDS|MSG>");
      const parent = JSON.parse(frames[at + 3].toString());
      if (parent.msg_id === header.msg_id) return JSON.parse(frames[at + 5].toString());
    }
  }
  return {
    started,
    dir,
    request,
    // As jupyter_client interrupts a kernel whose interrupt_mode is "message".
    interrupt: () => request("interrupt_request", {}, control),
    async stop() {
      await request("shutdown_request", { restart: false }, control);
      await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once("exit", resolve)));
      shell.close();
      control.close();
    },
  };
}

// The kernel restores its compiler from the startup snapshot `gradlab kernel install` builds
// (kernel/compiler-snapshot.ts); without one it builds the compiler in a thread.
const { buildSnapshot, freshSnapshot } = createRequire(import.meta.url)(join(root, "dist/kernel/compiler-snapshot-file.js"));
const libraryEntry = join(root, "dist/src/index.js");

async function benchKernel() {
  if (!freshSnapshot(libraryEntry)) {
    const why = buildSnapshot(libraryEntry);
    if (why !== null) throw new Error(`bench: the compiler's startup snapshot could not be built: ${why}`);
  }
  const toInfo = [];
  const toHistory = [];
  const toFirstResult = [];
  const firstCell = [];
  const roundTrips = [];
  const newRoundTrips = [];
  const interrupts = [];
  for (let i = 0; i < KERNEL_STARTS; i++) {
    const kernel = await startKernel();
    await kernel.request("kernel_info_request", {});
    toInfo.push(performance.now() - kernel.started);
    await kernel.request("history_request", { output: false, raw: true, hist_access_type: "tail", n: 1000 });
    toHistory.push(performance.now() - kernel.started);
    let t = performance.now();
    const first = await kernel.request("execute_request", { code: "const a = tensor([1, 2, 3]); a.sum().item()", silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true });
    firstCell.push(performance.now() - t);
    toFirstResult.push(performance.now() - kernel.started);
    if (first.status !== "ok") throw new Error(`bench: the first cell failed: ${JSON.stringify(first)}`);
    if (i === 0) {
      await benchLoopChecks(kernel);
      for (let j = 0; j < ROUND_TRIPS; j++) {
        t = performance.now();
        await kernel.request("execute_request", { code: "1 + 1", silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true });
        roundTrips.push(performance.now() - t);
      }
      // What a student runs is new text each time: no compile can be reused.
      for (let j = 0; j < ROUND_TRIPS; j++) {
        t = performance.now();
        const reply = await kernel.request("execute_request", { code: NEW_SMALL_CELLS[j % NEW_SMALL_CELLS.length](j), silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true });
        newRoundTrips.push(performance.now() - t);
        if (reply.status !== "ok") throw new Error(`bench: a small cell failed: ${JSON.stringify(reply)}`);
      }
    }
    for (const code of ["while (true) {}", "await new Promise(() => {})"]) {
      const reply = kernel.request("execute_request", { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: false });
      await new Promise((r) => setTimeout(r, 300));
      t = performance.now();
      await kernel.interrupt();
      const stopped = await Promise.race([reply, new Promise((r) => setTimeout(r, INTERRUPT_TIMEOUT_MS, null))]);
      if (stopped === null) throw new Error(`bench: \`${code}\` was still running ${INTERRUPT_TIMEOUT_MS / 1000} s after its Interrupt`);
      if (stopped.status !== "error") throw new Error("bench: the interrupted cell did not fail");
      interrupts.push(performance.now() - t);
    }
    // An Interrupt stores the global the checks read (kernel/stop-global.ts); loops compiled after it must still pay nothing.
    if (i === 0) await benchLoopChecks(kernel, ", after an Interrupt");
    await kernel.stop();
  }
  report("kernel.start_to_kernel_info", toInfo, 200);
  report("kernel.start_to_history_reply", toHistory, 200);
  // The kernel answers both before its compiler thread has started up; the first cell waits for it.
  report("kernel.first_cell_after_kernel_info", firstCell);
  report("kernel.start_to_first_cell_result", toFirstResult, 1000);
  report("kernel.small_cell_round_trip", roundTrips.slice(5), 5);
  report("kernel.small_cell_round_trip, new text each time", newRoundTrips.slice(5), 5);
  report("kernel.start_to_first_cell_result, compiler thread (GRADLAB_COMPILER_SNAPSHOT=off)", await firstResultsWithoutSnapshot());
  report("kernel.interrupt_to_reply", interrupts, 1000);
}

// What the loop checks (kernel/cells/interrupt-flag.ts, kernel/stop-global.ts) cost a cell: the same
// loop compiled as a cell (checked) and through `new Function` (not rewritten), alternated, in CPU
// time. A tight arithmetic loop is the worst case; a training step is what the course's loops do.
const LOOP_CHECK_ROUNDS = 9;
const LOOP_CHECK_CELL = (out) => `
import { writeFileSync } from "fs";
const tightPlain = new Function("n", "let s = 0; for (let i = 0; i < n; i++) { s += i * 0.5; } return s;") as (n: number) => number;
function tightChecked(n: number) { let s = 0; for (let i = 0; i < n; i++) { s += i * 0.5; } return s; }
manualSeed(0);
const bx = randn(32, 4), by = randn(32, 1);
const net = new nn.Sequential(new nn.Linear(4, 16), new nn.Tanh(), new nn.Linear(16, 1));
const sgd = new optim.SGD(net.parameters(), { lr: 0.01 });
const mse = new nn.MSELoss();
const trainPlain = new Function("n", "net", "sgd", "mse", "x", "y", "for (let i = 0; i < n; i++) { sgd.zeroGrad(); mse.forward(net.forward(x), y).backward(); sgd.step(); }") as (...args: unknown[]) => void;
function trainChecked(n: number) { for (let i = 0; i < n; i++) { sgd.zeroGrad(); mse.forward(net.forward(bx), by).backward(); sgd.step(); } }
const cpuMs = (f: () => unknown) => { const t = process.cpuUsage(); f(); const d = process.cpuUsage(t); return (d.user + d.system) / 1000; };
const times: Record<string, number[]> = { tightPlain: [], tightChecked: [], trainPlain: [], trainChecked: [] };
for (let r = 0; r < ${LOOP_CHECK_ROUNDS}; r++) {
  times.tightPlain!.push(cpuMs(() => tightPlain(5e7)));
  times.tightChecked!.push(cpuMs(() => tightChecked(5e7)));
  times.trainPlain!.push(cpuMs(() => trainPlain(1000, net, sgd, mse, bx, by)));
  times.trainChecked!.push(cpuMs(() => trainChecked(1000)));
}
writeFileSync(${JSON.stringify(out)}, JSON.stringify(times));
`;

async function firstResultsWithoutSnapshot() {
  const samples = [];
  env.GRADLAB_COMPILER_SNAPSHOT = "off";
  for (let i = 0; i < Math.min(KERNEL_STARTS, 3); i++) {
    const kernel = await startKernel();
    const first = await kernel.request("execute_request", { code: "const a = tensor([1, 2, 3]); a.sum().item()", silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true });
    samples.push(performance.now() - kernel.started);
    if (first.status !== "ok") throw new Error(`bench: the first cell failed: ${JSON.stringify(first)}`);
    await kernel.stop();
  }
  delete env.GRADLAB_COMPILER_SNAPSHOT;
  return samples;
}

async function benchLoopChecks(kernel, when = "") {
  const out = join(kernel.dir, "loop-checks.json");
  const reply = await kernel.request("execute_request", { code: LOOP_CHECK_CELL(out), silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true });
  if (reply.status !== "ok") throw new Error(`bench: the loop-check cell failed: ${JSON.stringify(reply)}`);
  const times = JSON.parse(readFileSync(out, "utf8"));
  for (const [name, what] of [["tight", "a tight arithmetic loop"], ["train", "a training step"]]) {
    const ratio = median(times[`${name}Checked`]) / median(times[`${name}Plain`]);
    const line = { workload: "kernel", case: `loop checks: ${what}, checked/plain${when}`, unit: "×", median: +ratio.toFixed(3), n: LOOP_CHECK_ROUNDS, plain_ms: +median(times[`${name}Plain`]).toFixed(2), target: 1.05, limit: "≤ 1.05×", met: ratio <= 1.05 };
    console.log(JSON.stringify(line));
  }
}

const TEN_CELLS = [
  "manualSeed(0);",
  "const x = linspace(-1, 1, 64).reshape(64, 1);",
  "const y = x.mul(Math.PI).sin();",
  "const model = new nn.Sequential(new nn.Linear(1, 16), new nn.Tanh(), new nn.Linear(16, 1));",
  "const lossFn = new nn.MSELoss();",
  "const opt = new optim.SGD(model.parameters(), { lr: 0.01, momentum: 0.9 });",
  "const losses: number[] = [];",
  "for (let i = 0; i < 20; i++) { opt.zeroGrad(); const loss = lossFn.forward(model.forward(x), y); loss.backward(); opt.step(); losses.push(loss.item()); }",
  'console.log("final loss", losses.at(-1));',
  "losses.length",
];

function tenCellNotebook() {
  const cells = TEN_CELLS.map((source, i) => ({ cell_type: "code", id: `c${i}`, metadata: {}, source, outputs: [], execution_count: null }));
  return { nbformat: 4, nbformat_minor: 5, metadata: {}, cells };
}

async function benchRunner() {
  const nb = tenCellNotebook();
  const cwd = mkdtempSync(join(tmpdir(), "gradlab-bench-"));
  const cold = [];
  for (let i = 0; i < NOTEBOOK_RUNS; i++) {
    const t = performance.now();
    const { failed, cells } = await runNotebook(nb, { cwd, env });
    if (failed > 0) throw new Error(`bench: the 10-cell notebook failed: ${JSON.stringify(cells.find((c) => c.status !== "ok"))}`);
    cold.push(performance.now() - t);
  }
  report("runner.notebook_10_cells_cold", cold);
  const pool = new RunnerPool(() => ({ cwd, env }), 1);
  const warm = [];
  for (let i = 0; i < NOTEBOOK_RUNS; i++) {
    await pool.warm(); // a batch grader overlaps this with the previous notebook
    const t = performance.now();
    const runner = await pool.acquire();
    await runNotebook(nb, { runner });
    warm.push(performance.now() - t);
    await runner.close();
  }
  await pool.close();
  report("runner.notebook_10_cells_warm", warm);
  const runner = await startRunner({ cwd, env });
  const small = [];
  for (let i = 0; i < ROUND_TRIPS; i++) small.push((await runner.execute("1 + 1")).ms);
  await runner.close();
  report("runner.small_cell", small.slice(5));
}

await benchKernel();
await benchRunner();
