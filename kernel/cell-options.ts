import * as path from "node:path";

// The compiler options every cell is checked with, on top of tslab's, in one place for the Node
// kernel (compiler-options.ts patches them into tslab's TypeScript) and the browser kernel of the
// JupyterLite site (lite/worker/typescript.ts does the same in its bundle).

/** Options added to tslab's: strict, lib es2023, only @types/node global, `gradlab` → the library. */
export function cellCompilerOptions(libraryEntry: string): Record<string, unknown> {
  return {
    strict: true,
    lib: ["lib.es2022.d.ts", "lib.es2023.d.ts"],
    // Only @types/node is global in cells; other @types load when a cell imports their package.
    types: ["node"],
    paths: { gradlab: [libraryEntry.replace(/\.js$/, "")] },
    pathsBasePath: path.dirname(libraryEntry),
  };
}
