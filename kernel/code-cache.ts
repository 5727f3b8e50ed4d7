import { createHash } from "node:crypto";
import * as fs from "node:fs";
import Module from "node:module";
import * as path from "node:path";
import * as vm from "node:vm";
import { cacheDir } from "./paths";

// Node 20 has no compile cache, and tslab's TypeScript is one 8 MB file that every kernel and
// runner child compiles again. A V8 code cache made after the first session (so it holds the
// functions TypeScript actually used) saves ~90 ms of CPU per start. It lives in `cacheDir`.

type Loaded = { script: vm.Script; cacheFile: string; hadCache: boolean };
const loaded = new Map<string, Loaded>();

/** Load a CommonJS file (tslab's TypeScript) into require's cache, using a V8 code cache when one fits. */
export function loadWithCodeCache(filename: string): void {
  if (require.cache[filename]) return;
  const source = fs.readFileSync(filename, "utf8");
  // Made now, before any compiler watches: a node_modules folder appearing while one compiles (the
  // first run of an installed gradlab, which ships none) makes tslab's watcher throw "Unexpected
  // pending rebuildTimer".
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
  } catch {
    // A read-only install: no cache, as in saveCodeCache.
  }
  // V8 rejects a cache made under other V8 flags, so each flag set gets its own file.
  const flags = process.execArgv.filter((f) => !/^--(allow-|experimental-permission|no-warnings)/.test(f)).join(" ");
  const key = createHash("sha256").update(`${process.version}\0${flags}\0${source.length}\0${filename}`).digest("hex").slice(0, 16);
  const cacheFile = path.join(cacheDir, `${path.basename(filename, ".js")}-${key}.v8`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename, cachedData });
  const mod = new Module(filename, module);
  mod.filename = filename;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(filename));
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(mod.exports, mod.exports, (id: string) => mod.require(id), mod, filename, path.dirname(filename));
  mod.loaded = true;
  require.cache[filename] = mod;
  loaded.set(filename, { script, cacheFile, hadCache: cachedData !== undefined && !script.cachedDataRejected });
}

/** Write the code cache of `filename` if there was none that fit; call once it has done real work. */
export function saveCodeCache(filename: string): void {
  const file = loaded.get(filename);
  if (!file || file.hadCache) return;
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
    const tmp = `${file.cacheFile}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, file.script.createCachedData());
    fs.renameSync(tmp, file.cacheFile);
  } catch {
    // A read-only install or a sandboxed child: start without the cache, as Node would anyway.
  }
  file.hadCache = true;
}
