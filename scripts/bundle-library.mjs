// Bundles the compiled library (dist/src/index.js and the ~70 modules it loads) into one file,
// dist/gradlab-bundle.js, and puts the package's entry beside it: dist/gradlab.js
// (scripts/package-entry.cjs), what a student's `require("gradlab")` in plain Node loads. It loads
// the bundle with a V8 code cache made here (dist/gradlab-bundle.v8). Resolving and reading 70
// files cost more than half of that require: 45–70 ms of CPU, against 16–18 for the bundle and
// 6–8 with its cache. `npm run build` runs this after tsc; rspack is the bundler the course site
// already builds with. Packages (vega, vega-lite, …) and Node's built-ins stay `require`s, loaded
// from node_modules when first used.
//
// The kernel, the runner and the grader load the module files instead (kernel/paths.ts's
// libraryEntry; kernel/library-module.ts points their `require("gradlab")` there), so one process
// never holds two copies of the library's classes.
import { spawnSync } from "node:child_process";
import { copyFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import rspack from "@rspack/core";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const entry = join(root, "dist", "src", "index.js");
const bare = /^(?![./])/; // a package or a built-in: not bundled

const config = {
  mode: "production",
  context: root,
  target: "node20",
  devtool: false,
  entry: { "gradlab-bundle": entry },
  output: { path: join(root, "dist"), filename: "[name].js", library: { type: "commonjs2" } },
  externals: [({ request }, callback) => (bare.test(request) ? callback(null, `commonjs ${request}`) : callback())],
  externalsPresets: { node: true },
  // The bundle's own folder: src/kernels/wasm.ts finds the WebAssembly kernels from it.
  node: { __dirname: false, __filename: false },
  // Not minified: a student's stack trace names the library's functions as the docs do.
  optimization: { minimize: false },
  infrastructureLogging: { level: "error" },
};

const stats = await new Promise((resolve, reject) => rspack(config, (err, result) => (err ? reject(err) : resolve(result))));
if (stats.hasErrors() || stats.hasWarnings()) {
  console.error(stats.toString("errors-warnings"));
  process.exit(1);
}
const packageEntry = join(root, "dist", "gradlab.js");
copyFileSync(join(root, "scripts", "package-entry.cjs"), packageEntry);
// In a plain `node` (no flags): V8 accepts a code cache only under the flags it was made with.
const cache = spawnSync(process.execPath, [packageEntry, "--write-code-cache"], { encoding: "utf8" });
if (cache.status !== 0) {
  console.error(`bundle-library: making the bundle's code cache failed:\n${cache.stderr}`);
  process.exit(1);
}
console.log(`bundle-library: wrote ${packageEntry}, the bundle and its code cache`);
