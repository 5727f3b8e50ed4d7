import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";

// Kernel and runner tests load the compiled modules: the runner's child process runs dist/, and
// tslab must be required through Node's CommonJS loader (its TypeScript module is patched there).

const load = createRequire(__filename);

/** The repository root, with a trailing separator. */
export const root = path.resolve(__dirname, "..", "..") + path.sep;

/** Require a compiled module by its path under dist/, failing with the fix when it is missing. */
export function fromDist<T>(modulePath: string): T {
  const file = `${root}dist/${modulePath}.js`;
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` before the kernel tests.`);
  return load(file) as T;
}

/** The stand-in library the wiring tests preload instead of gradlab. */
export const miniLib = path.join(__dirname, "fixtures", "mini-lib", "index.js");
