import type * as TS from "typescript";
import { type ConverterFixes, fixConverterTypeScript } from "../../kernel/cells/converter-fixes";
import { cellCompilerOptions } from "../../kernel/compiler-options";
import { libraryEntry } from "./library";

// TypeScript for tslab's converter inside the worker, wrapped by the core's converter fixes with
// the cell compiler options — what kernel/tslab.ts installs for the Node kernel. Loaded on first
// use: evaluating TypeScript takes a while, and the worker starts its downloads first.

let typescript: typeof TS | null = null;
let fixes: ConverterFixes | null = null;

/** TypeScript 5.0 itself, as bundled. */
export function realTypescript(): typeof TS {
  typescript ??= require("@tslab/typescript-for-tslab/lib/typescript.js") as typeof TS;
  return typescript;
}

/** Where the cells' global declarations are in the file image (cell-globals/, not @types/node). */
export const cellTypeRoot = "/lite/worker";

/** The wrapped module and what it observes of the converter's compiles. */
export function converterFixes(): ConverterFixes {
  fixes ??= fixConverterTypeScript(realTypescript(), cellCompilerOptions(libraryEntry, [cellTypeRoot], ["cell-globals"]));
  return fixes;
}
