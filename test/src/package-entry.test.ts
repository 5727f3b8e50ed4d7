// The package's entry loads one bundled file with a V8 code cache (scripts/bundle-library.mjs,
// scripts/package-entry.cjs): what a student's `require("gradlab")` loads in plain Node. It must be
// the same library as the module files the kernel and the grader load, and it must load nothing it
// does not need yet (W5 of the benchmark).
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import Module from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as vm from "node:vm";
import { describe, expect, it } from "vitest";

const root = join(__dirname, "../..");
const moduleFiles = join(root, "dist/src/index.js");

// Exports, a few training steps (the products large enough for the WebAssembly GEMM and its
// second thread) and what the require loaded, as JSON.
const probe = (entry: string) => `
const loadedBefore = new Set(process.moduleLoadList);
const g = require(${JSON.stringify(entry)});
const builtins = process.moduleLoadList.filter((m) => !loadedBefore.has(m) && m.startsWith("NativeModule "));
const files = Object.keys(require.cache);
g.manualSeed(2021);
const x = g.randn(256, 300, { dtype: "float32" }), y = g.randn(256, 1, { dtype: "float32" });
const model = new g.nn.Sequential(new g.nn.Linear(300, 300), new g.nn.Tanh(), new g.nn.Linear(300, 1)).float();
const opt = new g.optim.Adam(model.parameters(), { lr: 1e-3 }), mse = new g.nn.MSELoss();
const losses = [];
for (let i = 0; i < 5; i++) { opt.zeroGrad(); const loss = mse.forward(model.forward(x), y); loss.backward(); opt.step(); losses.push(loss.item()); }
console.log(JSON.stringify({ names: Object.keys(g).sort(), losses, builtins, files }));`;

function run(entry: string): { names: string[]; losses: number[]; builtins: string[]; files: string[] } {
  const r = spawnSync(process.execPath, ["-e", probe(entry)], { encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

describe("the package's entry", () => {
  it("is dist/gradlab.js, for require and import alike", () => {
    const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    expect(manifest.main).toBe("dist/gradlab.js");
    expect(manifest.exports["."]).toMatchObject({ require: "./dist/gradlab.js", default: "./dist/gradlab.js" });
  });

  it("is the same library as the module files, loaded from one file and without worker_threads", () => {
    const bundled = run(root), files = run(moduleFiles);
    expect(bundled.names).toEqual(files.names);
    expect(bundled.losses).toEqual(files.losses); // same kernels, same bits
    expect(bundled.files).toEqual([join(root, "dist/gradlab.js")]); // the bundle runs from its code cache, not require
    expect(files.files.length).toBeGreaterThan(50); // what the bundle saves resolving and reading
    // The second thread's module is loaded when a product first needs it, not by the require.
    expect(bundled.builtins).not.toContain("NativeModule worker_threads");
  }, 60_000);

  it("comes with a code cache this Node accepts", () => {
    const bundle = join(root, "dist/gradlab-bundle.js");
    const script = new vm.Script(Module.wrap(readFileSync(bundle, "utf8")), { filename: bundle, cachedData: readFileSync(join(root, "dist/gradlab-bundle.v8")) });
    expect(script.cachedDataRejected).toBe(false);
  });

  it("works with a corrupt code cache, which only costs time", () => {
    const dist = join(mkdtempSync(join(tmpdir(), "gradlab-entry-")), "dist");
    mkdirSync(dist);
    for (const file of ["gradlab.js", "gradlab-bundle.js"]) copyFileSync(join(root, "dist", file), join(dist, file));
    writeFileSync(join(dist, "gradlab-bundle.v8"), "not a code cache");
    const code = `const g = require(${JSON.stringify(join(dist, "gradlab.js"))}); const w = g.tensor([1, 2, 3], { requiresGrad: true }); w.mul(w).sum().backward(); console.log(w.grad.toArray().join())`;
    const r = spawnSync(process.execPath, ["-e", code], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe("2,4,6");
  });
});
