import type * as TS from "typescript";
import { fixConverterTypeScript } from "../../kernel/cells/converter-fixes";
import { cellCompilerOptions } from "../../kernel/compiler-options";
import { libraryEntry } from "./library";

// TypeScript for tslab's converter inside the worker, wrapped by the core's converter fixes with
// the cell compiler options — what kernel/tslab.ts installs for the Node kernel.

/** TypeScript 5.0 itself, as bundled. */
export const realTypescript = require("@tslab/typescript-for-tslab/lib/typescript.js") as typeof TS;

/** The wrapped module and what it observes of the converter's compiles. */
export const fixes = fixConverterTypeScript(realTypescript, cellCompilerOptions(libraryEntry));
