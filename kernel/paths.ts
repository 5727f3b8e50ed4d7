import * as fs from "node:fs";
import * as path from "node:path";

// Locations inside the gradlab package, found from this file so they hold both for the compiled
// kernel (dist/kernel/*.js) and for the TypeScript sources run by vitest (kernel/*.ts).

/** The folder holding gradlab's package.json. */
export const packageRoot: string = findPackageRoot(__dirname);

/** The compiled library entry every cell gets its names from. */
export const libraryEntry: string = path.join(packageRoot, "dist", "src", "index.js");

/** The compiled kernel entry a kernelspec's argv starts. */
export const kernelMain: string = path.join(packageRoot, "dist", "kernel", "main.js");

/**
 * Caches made from the installed package (V8 code caches, the compiler's startup snapshot): in its
 * node_modules, never in a folder a sandboxed notebook can write (a forged cache is code).
 */
export const cacheDir: string = path.join(packageRoot, "node_modules", ".cache", "gradlab");

/** Kernel assets (logos, the snapshot builder's entry) shipped with the package. */
export const kernelAssets: string = path.join(packageRoot, "kernel", "assets");

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, "utf8")).name === "gradlab") {
      return dir;
    }
    if (path.dirname(dir) === dir) {
      throw new Error(`gradlab's package.json was not found above ${start}; reinstall the package.`);
    }
  }
}

/** gradlab's version, from its package.json. */
export const packageVersion: string = JSON.parse(fs.readFileSync(path.join(packageRoot, "package.json"), "utf8")).version;

/** The @types folder holding the @types/node gradlab depends on (cells' Node types, whatever their folder). */
export function nodeTypeRoots(): string[] {
  return [path.dirname(path.dirname(require.resolve("@types/node/package.json", { paths: [packageRoot] })))];
}
