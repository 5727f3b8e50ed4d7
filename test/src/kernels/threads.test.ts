import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { gemm } from "../../../src/kernels/gemm";
import { THREADS_MIN_MULTIPLY_ADDS } from "../../../src/kernels/gemm-wasm";
import { chunksOnSecondThread, getNumThreads, recordSplit, secondThread, setNumThreads } from "../../../src/kernels/threads";
import { wasmKernels } from "../../../src/kernels/wasm";
import { rng } from "./test-support";

const VARIANTS: [boolean, boolean][] = [[false, false], [false, true], [true, false], [true, true]];
const operand = (n: number, seed: number, f32: boolean) => {
  const next = rng(seed), values = Array.from({ length: n }, () => next() * 2 - 1);
  return f32 ? Float32Array.from(values) : Float64Array.from(values);
};

/** Runs products until the worker is up (it starts on the first large product, asynchronously). */
async function secondThreadReady(): Promise<void> {
  const A = new Float32Array(128 * 128);
  for (let i = 0; i < 400 && secondThread(wasmKernels()) === null; i++) {
    gemm(false, false, 128, 128, 128, A, A);
    await new Promise((r) => setTimeout(r, 5));
  }
  expect(secondThread(wasmKernels()), "the second thread started").not.toBeNull();
}

afterAll(() => setNumThreads(2));

describe("large products on two threads", () => {
  it("give the same bits as on one thread, in both dtypes and every transpose, whatever M", async () => {
    setNumThreads(2);
    await secondThreadReady();
    // Just above the threshold, with row counts that do not divide into the 4 chunks evenly; K spans
    // three 256-deep slices and N = 1100 two column blocks of the packed op(B) the threads share.
    const K = Math.ceil(THREADS_MIN_MULTIPLY_ADDS / (61 * 53)) + 3;
    const before = chunksOnSecondThread();
    for (const [M, N] of [[61, 53], [130, 40], [8, 300], [8, 1100]]) {
      for (const f32 of [false, true]) {
        for (const [tA, tB] of VARIANTS) {
          const A = operand(M * K, M, f32), B = operand(K * N, N, f32);
          setNumThreads(2);
          const two = gemm(tA, tB, M, N, K, A, B);
          setNumThreads(1);
          const one = gemm(tA, tB, M, N, K, A, B);
          const diff = one.findIndex((v, i) => !Object.is(v, two[i]));
          expect(diff, `${M}×${N}×${K} f32=${f32} tA=${tA} tB=${tB}: element ${diff}`).toBe(-1);
        }
      }
    }
    // The comparison means something only if the worker took part.
    expect(chunksOnSecondThread()).toBeGreaterThan(before);
  });

  it("after the second thread kept the caller waiting, runs the next products on one thread, more of them each time it happens again", async () => {
    setNumThreads(2);
    await secondThreadReady();
    const k = wasmKernels();
    const onOne = (n: number) => Array.from({ length: n + 1 }, () => secondThread(k) === null);
    recordSplit(3, 4, 3, 10); // waited 10 ms for a chunk it computes in 1 ms
    expect(onOne(1)).toEqual([true, false]);
    recordSplit(3, 4, 3, 10);
    expect(onOne(2)).toEqual([true, true, false]);
    recordSplit(3, 4, 3, 10);
    expect(onOne(4)).toEqual([true, true, true, true, false]);
    recordSplit(2, 4, 2, 0.5); // the worker kept up: back to the start
    recordSplit(2, 4, 2, 5);
    expect(onOne(1)).toEqual([true, false]);
    recordSplit(3, 4, 3, 10);
    setNumThreads(2); // asking again clears it
    expect(secondThread(k)).not.toBeNull();
  });

  it("setNumThreads takes 1 or 2 and getNumThreads reports it", () => {
    setNumThreads(1);
    expect(getNumThreads()).toBe(1);
    expect(secondThread(wasmKernels())).toBeNull();
    expect(() => setNumThreads(3)).toThrow("setNumThreads: the number of threads must be 1 or 2, got 3.");
  });

  it("GRADLAB_NUM_THREADS=1 keeps a process on one thread; Node's permission model (no workers) falls back to one", () => {
    const lib = join(__dirname, "../../../dist/src");
    const code = `const { gemm } = require(${JSON.stringify(lib + "/kernels/gemm.js")});
const t = require(${JSON.stringify(lib + "/kernels/threads.js")}), w = require(${JSON.stringify(lib + "/kernels/wasm.js")});
const A = new Float64Array(256 * 256).fill(1), end = Date.now() + 1500;
while (t.secondThread(w.wasmKernels()) === null && Date.now() < end) gemm(false, false, 256, 256, 256, A, A);
console.log(t.getNumThreads(), t.secondThread(w.wasmKernels()) !== null, gemm(false, false, 256, 256, 256, A, A)[0]);`;
    const run = (flags: string[], env: NodeJS.ProcessEnv) => {
      const r = spawnSync(process.execPath, [...flags, "-e", code], { encoding: "utf8", env: { ...process.env, ...env } });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout.trim();
    };
    expect(run([], { GRADLAB_NUM_THREADS: "1" })).toBe("1 false 256");
    expect(run(["--experimental-permission", "--allow-fs-read=*", "--no-warnings"], {})).toBe("2 false 256");
    expect(run([], {})).toBe("2 true 256");
    // Three node processes of up to 1.5 s each: more than the unit project's 5 s on a loaded machine.
  }, 30_000);
});
