import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { nodeFlags } from "../../grader/runner/child-process";
import { kernelJson } from "../../kernel/kernelspec";
import { gradlabNodeFlags, relaxedSimdNeedsFlag } from "../../src/node-flags";

const wasmJs = join(__dirname, "../../dist/src/kernels/wasm.js");
/** The kernel build a fresh node with these flags picks. */
const buildPicked = (flags: string[]) => {
  const r = spawnSync(process.execPath, [...flags, "-e", `console.log(require("node:path").basename(require(${JSON.stringify(wasmJs)}).wasmKernels().path))`], { encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.trim();
};

describe("gradlab's Node flags", () => {
  it("ask for relaxed SIMD on V8s before 11.4 (Node 20) only", () => {
    expect(relaxedSimdNeedsFlag("11.3.244.8-node.33")).toBe(true);
    expect(gradlabNodeFlags("11.3.244.8-node.33")).toEqual(["--experimental-wasm-relaxed-simd"]);
    expect(gradlabNodeFlags("11.4.183.1")).toEqual([]);
    expect(gradlabNodeFlags("12.4.254.21-node.19")).toEqual([]);
  });

  it("are what the kernelspec and the runner's children (gradlab run, assign, check, grade) start node with", () => {
    const argv = (kernelJson() as { argv: string[] }).argv;
    expect(argv.slice(1, 1 + gradlabNodeFlags().length)).toEqual(gradlabNodeFlags());
    for (const sandbox of [undefined, { writePath: "/tmp" }]) {
      expect(nodeFlags({ cwd: "/tmp", memoryMb: 512, maxOutputBytes: 1000, sandbox })).toEqual(expect.arrayContaining(gradlabNodeFlags()));
    }
  });

  it("make a process use the FMA kernels, and a process without them falls back to plain SIMD128", () => {
    expect(buildPicked(gradlabNodeFlags())).toBe("kernels-fma.wasm");
    if (gradlabNodeFlags().length > 0) expect(buildPicked([])).toBe("kernels.wasm");
  });
});
