// The README's library example is what PyTorch users copy first: it must transpile and
// train, so the README stays true.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runInThisContext } from "node:vm";
import ts from "typescript";
import { expect, it } from "vitest";
import * as gradlab from "gradlab";

const readme = readFileSync(join(__dirname, "../../README.md"), "utf8");
const example = /## The library\s+```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";

it("the README's training loop runs and fits sin(πx)", () => {
  expect(example).toContain("loss.backward()");
  const js = ts.transpileModule(`${example}\nexports.result = { model, x, y };`, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, strict: true },
  }).outputText;
  const exports: { result?: { model: gradlab.nn.Module; x: gradlab.Tensor; y: gradlab.Tensor } } = {};
  const load = (name: string) => {
    if (name !== "gradlab") throw new Error(`the README example imports ${name}`);
    return gradlab;
  };
  runInThisContext(`(function (exports, require) {${js}\n})`)(exports, load);
  const { model, x, y } = exports.result!;
  const loss = new gradlab.nn.MSELoss().forward(model.forward(x), y).item();
  expect(loss).toBeLessThan(0.01);
});
