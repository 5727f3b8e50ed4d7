import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import type * as TS from "typescript";
import { describe, expect, it } from "vitest";
import { commonJsTranspiler } from "../../../kernel/cells/commonjs-transpile";
import type * as Tslab from "../../../kernel/tslab";
import { fromDist, root } from "../dist";

// The CommonJS step of a cell's compile must give exactly what ts.transpileModule gives (text and
// source map) for the ES modules tslab's program emits: every code cell of the course's notebooks,
// and the module shapes cells can take.

const ts: typeof TS = fromDist<typeof Tslab>("kernel/tslab").typescript();

// tslab's options for this step (converter.js esModuleToCommonJSModule), with the map converter-fixes asks for.
const TO_COMMONJS: TS.TranspileOptions = {
  fileName: "custom.js",
  compilerOptions: { module: ts.ModuleKind.CommonJS, esModuleInterop: true, target: ts.ScriptTarget.ES2022, newLine: ts.NewLineKind.LineFeed, noImplicitUseStrict: true, sourceMap: true },
};

// A cell as tslab's program emits it: an ES module (its prefix `export {};`, its names exported).
function esModuleOf(cell: string): string {
  const names = [...cell.matchAll(/^(?:const|let|var|function\*?|async function|class)\s+([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]);
  const source = `export {};\n${cell}\n${names.length ? `export { ${[...new Set(names)].join(", ")} }` : ""}`;
  const options = { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, esModuleInterop: true, experimentalDecorators: true, jsx: ts.JsxEmit.React, newLine: ts.NewLineKind.LineFeed, noImplicitUseStrict: true };
  return ts.transpileModule(source, { fileName: "__tslab__.ts", compilerOptions: options }).outputText;
}

function courseCells(): string[] {
  const cells: string[] = [];
  for (const dir of ["notebooks", "solutions"]) {
    for (const file of readdirSync(path.join(root, dir)).filter((f) => f.endsWith(".ipynb"))) {
      const nb = JSON.parse(readFileSync(path.join(root, dir, file), "utf8")) as { cells: Array<{ cell_type: string; source: string | string[] }> };
      for (const c of nb.cells) if (c.cell_type === "code") cells.push(Array.isArray(c.source) ? c.source.join("") : c.source);
    }
  }
  return cells;
}

const SHAPES = [
  "1 + 1",
  'import * as fs from "fs";\nimport path, { join } from "path";\nimport def from "./local";\nexport const p = join(path.sep, fs.existsSync("x") ? "a" : "b", String(def));',
  'export { readFileSync as read } from "fs";\nexport * from "./helpers";\nexport * as ns from "./other";',
  "export default class Model { static count = 0; #secret = 1; static { Model.count++; } get secret() { return this.#secret; } }",
  "export async function* gen() { for await (const x of [1, 2]) yield x; }\nexport const later = await import(\"./lazy\");",
  "label: for (let i = 0; i < 3; i++) { for (const j of [1]) { if (j) continue label; } }\nexport let total = exports.before + Math.max(1, 2);",
  "export class Box<T> { constructor(readonly value: T) {} }\nexport const b = new Box<number>(1)?.value ?? 0;",
  "export function tagged(s: TemplateStringsArray, ...v: unknown[]) { return String.raw(s, ...v); }\nexport const t = tagged`a${1}b`;",
  "function decorate(_t: unknown, _k: string) {}\nexport class D { @decorate m() {} }",
  "export enum Colour { Red, Green }\nexport namespace N { export const x = 1; }",
  "const { a, ...rest } = { a: 1, b: 2 };\nexport { a, rest };",
  "var script = 1; function plain() { return script; }",
];

describe("CommonJS transpile of cells", () => {
  const transpile = commonJsTranspiler(ts);

  it("gives ts.transpileModule's text and source map for every course cell and module shape", () => {
    const inputs = [...new Set([...courseCells(), ...SHAPES])].map(esModuleOf);
    expect(inputs.length).toBeGreaterThan(100);
    for (const input of inputs) {
      const expected = ts.transpileModule(input, TO_COMMONJS);
      const actual = transpile(input, TO_COMMONJS);
      expect({ input, text: actual.outputText, map: actual.sourceMapText }).toEqual({ input, text: expected.outputText, map: expected.sourceMapText });
    }
  });

  it("gives a cell run again the same output, and a changed cell its own", () => {
    const a = esModuleOf("export const x = 1;");
    const first = transpile(a, TO_COMMONJS);
    expect(transpile(a, TO_COMMONJS)).toBe(first);
    expect(transpile(a, { ...TO_COMMONJS, compilerOptions: { ...TO_COMMONJS.compilerOptions, sourceMap: false } }).sourceMapText).toBeUndefined();
    expect(transpile(esModuleOf("export const x = 2;"), TO_COMMONJS).outputText).toContain("exports.x = 2;");
  });
});
