// Type-level tests of the public surface (execa's test-d): `nn` and `optim` are namespaces usable
// in types, as students annotate functions. The assertions below are checked by compiling this
// file with the repo's TypeScript, and the shipped .d.ts files with tslab's TypeScript 5.0.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, expectTypeOf, it } from "vitest";
import { autograd, nn, optim, tensor, type DType, type Tensor, type TensorLike } from "gradlab";

const ROOT = join(__dirname, "../..");

/** Errors of compiling `files` with TypeScript `tsc` and `options` (in `files` only, when `own`), readable. */
function compileErrors(tsc: typeof ts, files: string[], options: ts.CompilerOptions, own = false): string[] {
  const program = tsc.createProgram(files, { ...options, noEmit: true });
  return tsc.getPreEmitDiagnostics(program).filter((d) => !own || (d.file !== undefined && files.includes(d.file.fileName))).map((d) => tsc.flattenDiagnosticMessageText(d.messageText, "\n") + (d.file ? ` (${d.file.fileName})` : ""));
}

describe("the public types", () => {
  it("lets students annotate with nn.Module, optim.Optimizer and Tensor", () => {
    function trainStep(model: nn.Module, opt: optim.Optimizer, loss: nn.MSELoss, x: Tensor, y: Tensor): number {
      opt.zeroGrad();
      const l = loss.forward(model.forward(x), y);
      l.backward();
      opt.step();
      return l.item();
    }
    expectTypeOf(trainStep).parameter(0).toEqualTypeOf<nn.Module>();
    expectTypeOf(new nn.Sequential(new nn.Linear(1, 2), new nn.Tanh())).toMatchTypeOf<nn.Module>();
    expectTypeOf(new optim.SGD([tensor([1], { requiresGrad: true })], { lr: 0.1 })).toMatchTypeOf<optim.Optimizer>();
    expectTypeOf(new optim.Adam([tensor([1], { requiresGrad: true })])).toMatchTypeOf<optim.Optimizer>();
    expectTypeOf<nn.Linear>().not.toMatchTypeOf<optim.Optimizer>();
  });
  it("types dtypes and custom autograd functions", () => {
    expectTypeOf(tensor([1]).dtype).toEqualTypeOf<DType>();
    expectTypeOf<DType>().toEqualTypeOf<"float32" | "float64">();
    expectTypeOf(new nn.Linear(2, 3).float()).toEqualTypeOf<nn.Linear>();
    class Square extends autograd.Function {
      forward(x: Tensor) { this.saveForBackward(x); return x.mul(x); }
      backward(g: Tensor) { return [g.mul(this.savedTensors[0]).mul(2)]; }
    }
    expectTypeOf(Square.apply(tensor([1]))).toEqualTypeOf<Tensor>();
    // @ts-expect-error: apply checks its arguments against forward's parameters
    Square.apply(tensor([1]), tensor([2]));
  });
  it("types tensors, grads and parameters as PyTorch users expect", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    expectTypeOf(x.grad).toEqualTypeOf<Tensor | null>();
    expectTypeOf(x.sum().item()).toBeNumber();
    expectTypeOf(x.shape).toEqualTypeOf<readonly number[]>();
    expectTypeOf(new nn.Linear(2, 3).weight).toMatchTypeOf<Tensor>();
    expectTypeOf(new nn.Linear(2, 3).namedParameters()).toEqualTypeOf<[string, nn.Parameter][]>();
    expectTypeOf<number>().toMatchTypeOf<TensorLike>();
  });
  it("indexes toArray() as deep as the tensor goes, without casts (PyTorch's tolist())", () => {
    const w = tensor([1, 2], { requiresGrad: true });
    expectTypeOf(w.toArray()[0]).toMatchTypeOf<number>();
    expectTypeOf(w.toArray()[0]!.toFixed(6)).toBeString();
    const rows: number[][] = tensor([[1, 2], [3, 4]]).toArray();
    expectTypeOf(rows[1]![0]!).toBeNumber();
    expectTypeOf(tensor([[1, 2]]).toArray()[0]![1]!).toMatchTypeOf<number>();
    expectTypeOf(tensor(3).toArray()).toMatchTypeOf<number>();
    expectTypeOf(w.toArray().map((v) => v * 2)).toEqualTypeOf<number[]>();
  });

  it("requires lr for SGD and accepts PyTorch's option names in camelCase", () => {
    expectTypeOf<optim.SGDOptions>().toHaveProperty("lr").toEqualTypeOf<number>();
    expectTypeOf<{ momentum: number }>().not.toMatchTypeOf<optim.SGDOptions>();
    expectTypeOf<{ lr: number; momentum: number; dampening: number; weightDecay: number; nesterov: boolean }>().toMatchTypeOf<optim.SGDOptions>();
    expectTypeOf<{ lr: number; betas: [number, number]; eps: number; weightDecay: number }>().toMatchTypeOf<optim.AdamOptions>();
  });

  it("compiles: the assertions above hold for the repo's TypeScript (errors in this file, strict)", () => {
    const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
    expect(compileErrors(ts, [__filename], config!.options, true)).toEqual([]);
  }, 60_000);

  it("compiles: the built .d.ts files work with tslab's TypeScript 5.0 (CommonJS, Node10 resolution)", async () => {
    const tsc50 = (await import("@tslab/typescript-for-tslab")).default as unknown as typeof ts;
    expect(tsc50.version.startsWith("5.0")).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), "gradlab-types-"));
    const cell = join(dir, "cell.ts");
    writeFileSync(cell, [
      'import { nn, optim, tensor, Tensor } from "gradlab";',
      "const model: nn.Module = new nn.Sequential(new nn.Linear(1, 8), new nn.Tanh(), new nn.Linear(8, 1));",
      "const opt: optim.Optimizer = new optim.SGD(model.parameters(), { lr: 0.003, momentum: 0.9 });",
      "const y: Tensor = model.forward(tensor([[0.5]]));",
      "const g: Tensor | null = y.grad;",
      "const first: string = y.toArray()[0][0].toFixed(6);",
      "const row: number[] = y.toArray()[0];",
      "opt.step();",
      "export { g, first, row };",
    ].join("\n"));
    const errors = compileErrors(tsc50, [cell], {
      strict: true, target: tsc50.ScriptTarget.ES2020, module: tsc50.ModuleKind.CommonJS,
      moduleResolution: tsc50.ModuleResolutionKind.NodeJs, skipLibCheck: false, types: [],
      baseUrl: dir, paths: { gradlab: [join(ROOT, "dist/src/index.d.ts")] },
    });
    expect(errors).toEqual([]);
  }, 60_000);
});
