import { readFileSync } from "node:fs";
import * as tslabTs from "@tslab/typescript-for-tslab";
import type * as TS from "typescript";
import { describe, expect, it } from "vitest";
import { MemoryFs } from "../../../lite/worker/memory-fs";
import { memorySystem, typescriptLibDir } from "../../../lite/worker/typescript-system";

// tslab's TypeScript 5.0 (what the worker bundles), typed as the project's TypeScript.
const ts = tslabTs as unknown as typeof TS;

// TypeScript's watch compiler (what tslab's converter builds) working from the worker's file image.

const libFile = "lib.es5.d.ts";
const lib = (name: string) => [`${typescriptLibDir}/${name}`, readFileSync(require.resolve(`@tslab/typescript-for-tslab/lib/${name}`), "utf8")];
const image = new MemoryFs({
  ...Object.fromEntries([libFile, "lib.decorators.d.ts", "lib.decorators.legacy.d.ts"].map(lib)),
  "cells/cell.ts": "const n: number = 'not a number';\nexport {};\n",
  "cells/ok.ts": "export const twice = (x: number) => 2 * x;\n",
});

describe("memorySystem", () => {
  it("gives a watch program its sources and TypeScript's lib files from memory", () => {
    const sys = memorySystem(ts, image);
    const host = ts.createWatchCompilerHost(["/cells/cell.ts", "/cells/ok.ts"], { strict: true, lib: [libFile], types: [], noEmit: true }, sys, undefined, () => {}, () => {});
    const watch = ts.createWatchProgram(host);
    const program = watch.getProgram().getProgram();
    expect(program.getSourceFiles().map((f) => f.fileName)).toContain(`${typescriptLibDir}/${libFile}`);
    const messages = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    expect(messages).toEqual(["Type 'string' is not assignable to type 'number'."]);
    watch.close();
  });

  it("lists and resolves like a file system rooted at the package", () => {
    const sys = memorySystem(ts, image);
    expect(sys.readDirectory("/cells", [".ts"])).toEqual(["/cells/cell.ts", "/cells/ok.ts"]);
    expect(sys.getDirectories("/")).toEqual(["cells", "node_modules"]);
    expect(sys.resolvePath("cells/../cells/ok.ts")).toBe("/cells/ok.ts");
    expect(sys.fileExists("/cells/ok.ts")).toBe(true);
    expect(sys.directoryExists("/cells/ok.ts")).toBe(false);
    expect(() => sys.writeFile("/cells/out.js", "")).toThrow(/read-only/);
  });
});
