import * as path from "node:path";
import type * as TS from "typescript";

// tslab hard-codes its compiler options (no strict, lib es2022); these are added to every
// converter (see tslab.ts installCompilerOptions).

/**
 * Options cells compile with: strict, lib es2023, and `import … from "gradlab"` → the library's
 * declarations; under Node, `typeRoots` is where gradlab's @types/node is (`nodeTypeRoots` in paths.ts).
 * `types` are the global declarations: @types/node under Node; the browser kernel passes its own.
 */
export function cellCompilerOptions(libraryEntry: string, typeRoots?: string[], types: string[] = ["node"]): TS.CompilerOptions {
  return {
    strict: true,
    lib: ["lib.es2022.d.ts", "lib.es2023.d.ts"],
    // Only these are global in cells; other @types load when a cell imports their package.
    types,
    // From gradlab's own @types, not from the compile folder (a temp folder when grading, where no
    // node_modules is above it: an installed gradlab's cells then could not find "fs").
    ...(typeRoots && { typeRoots }),
    paths: { gradlab: [libraryEntry.replace(/\.js$/, "")] },
    pathsBasePath: path.dirname(libraryEntry),
  } as TS.CompilerOptions;
}

