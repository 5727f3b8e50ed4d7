import * as path from "node:path";
import { cellCompilerOptions } from "./cell-options";
import { loadTypeScriptWithCodeCache } from "./code-cache";

// tslab hard-codes its compiler options (no strict, lib es2022). The TypeScript module it uses has
// non-configurable exports, so the cached module is replaced by a Proxy that adds ours to every
// watch host tslab creates. This relies on tslab 1.0.22 internals, which is why tslab is pinned.

type TsModule = { createWatchCompilerHost: (...args: unknown[]) => unknown };

let installed = false;

/**
 * Make every tslab converter created afterwards type-check cells with `strict` and lib es2023,
 * and resolve `import … from "gradlab"` to the compiled library's declarations.
 * Must run before `tslab/dist/converter` is first required.
 */
export function installCompilerOptions(libraryEntry: string): void {
  if (installed) return;
  installed = true;
  loadTypeScriptWithCodeCache();
  const tsPath = require.resolve("@tslab/typescript-for-tslab", {
    paths: [path.dirname(require.resolve("tslab/package.json"))],
  });
  const realTs = require(tsPath) as TsModule;
  const extra = cellCompilerOptions(libraryEntry);
  const createWatchCompilerHost = (files: unknown, options: object, ...rest: unknown[]) =>
    realTs.createWatchCompilerHost(files, { ...options, ...extra }, ...rest);
  const cached = require.cache[tsPath];
  if (!cached) throw new Error(`TypeScript for tslab was not loaded from ${tsPath}`);
  cached.exports = new Proxy(realTs, {
    get: (target, key) => (key === "createWatchCompilerHost" ? createWatchCompilerHost : Reflect.get(target, key)),
  });
}
