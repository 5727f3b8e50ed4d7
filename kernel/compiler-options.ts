import * as path from "node:path";
import type * as TS from "typescript";
import { packageRoot } from "./paths";

// tslab hard-codes its compiler options (no strict, lib es2022); these are added to every
// converter (see tslab.ts installCompilerOptions).

/** Options cells compile with: strict, lib es2023, and `import … from "gradlab"` → the library's declarations. */
export function cellCompilerOptions(libraryEntry: string): TS.CompilerOptions {
  return {
    strict: true,
    lib: ["lib.es2022.d.ts", "lib.es2023.d.ts"],
    // Only @types/node is global in cells; other @types load when a cell imports their package.
    types: ["node"],
    // From gradlab's own @types, not from the compile folder (a temp folder when grading, where no
    // node_modules is above it: an installed gradlab's cells then could not find "fs").
    typeRoots: [nodeTypeRoot()],
    paths: { gradlab: [libraryEntry.replace(/\.js$/, "")] },
    pathsBasePath: path.dirname(libraryEntry),
  } as TS.CompilerOptions;
}

// The @types folder holding the @types/node that gradlab depends on.
function nodeTypeRoot(): string {
  return path.dirname(path.dirname(require.resolve("@types/node/package.json", { paths: [packageRoot] })));
}
