// The rspack configurations of the course site (rspack is the webpack-compatible bundler
// JupyterLite 0.8 builds its own app with, and @jupyter/builder's loaders are written for it):
// the JupyterLab application (main thread) and the kernel's Web Worker (TypeScript, tslab's
// converter and the library, with Node's fs/vm/module/util answered from inside the worker).
import { createRequire } from "node:module";
import { join } from "node:path";
import rspack from "@rspack/core";

const require = createRequire(import.meta.url);
const base = require("@jupyter/builder/lib/webpack.config.base");

const typescriptRule = {
  test: /\.tsx?$/,
  exclude: /node_modules/,
  loader: "builtin:swc-loader",
  options: { jsc: { parser: { syntax: "typescript" }, target: "es2022" } },
  type: "javascript/auto",
};

function common({ root, out, mode }) {
  return {
    mode,
    context: root,
    devtool: false,
    bail: true,
    performance: { hints: false },
    infrastructureLogging: { level: "error" },
    stats: "errors-warnings",
    output: {
      path: out,
      filename: "[name].[contenthash:8].js",
      chunkFilename: "[name].[contenthash:8].js",
      assetModuleFilename: "[name].[contenthash:8][ext]",
      publicPath: "auto",
      hashFunction: "xxhash64",
    },
  };
}

/** The JupyterLab application: lite/app/bootstrap.ts (which loads main.ts and the generated extension list). */
export function appConfig({ root, out, mode, generated, defines }) {
  return {
    ...common({ root, out, mode }),
    name: "app",
    target: "web",
    entry: { lab: join(root, "lite/app/bootstrap.ts") },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
      alias: { "gradlab-lite-extensions": generated },
      fallback: { ...base.resolve.fallback, util: false },
    },
    module: { rules: [typescriptRule, ...base.module.rules] },
    plugins: [...base.plugins, new rspack.DefinePlugin(defines)],
    ignoreWarnings: [{ module: /mathjax-full/, message: /__dirname/ }],
  };
}

/** The kernel's Web Worker: lite/worker/main.ts. */
export function workerConfig({ root, out, mode, defines }) {
  const shim = (file) => join(root, "lite/worker", file);
  const alias = {
    "@tslab/typescript-for-tslab$": shim("typescript.ts"),
    fs: shim("node-fs.ts"),
    vm: shim("node-vm.ts"),
    module: shim("node-module.ts"),
    util: shim("node-util.ts"),
    os: shim("node-os.ts"),
    worker_threads: shim("node-worker-threads.ts"),
    path: require.resolve("path-browserify"),
  };
  return {
    ...common({ root, out, mode }),
    name: "worker",
    target: "webworker",
    entry: { "gradlab-worker": shim("main.ts") },
    // Paths relative to the package root: the worker's file image mirrors the package's layout.
    node: { __dirname: true, __filename: true, global: true },
    resolve: {
      extensions: [".ts", ".js"],
      alias,
      fallback: { buffer: false, crypto: false, inspector: false, perf_hooks: false, "source-map-support": false, process: require.resolve("process/browser") },
    },
    module: { rules: [typescriptRule], parser: { javascript: { exprContextCritical: false } } },
    plugins: [
      // "node:fs" → "fs", which the aliases above answer.
      new rspack.NormalModuleReplacementPlugin(/^node:/, (resource) => {
        resource.request = resource.request.slice("node:".length);
      }),
      new rspack.ProvidePlugin({ process: "process/browser" }),
      // tslab picks the compile target from Node's version: the one the Node kernel runs on.
      new rspack.DefinePlugin({ ...defines, "process.version": JSON.stringify(process.version) }),
    ],
  };
}
