// Runs every `@example` of the doc comments in src/ against the library, so docs cannot rot
// (tinygrad's doctests). A trailing `// value`, `// → value` or `// name = value` comment is
// checked against the example's last expression (or that variable) to 1e-9.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { runInThisContext } from "node:vm";
import ts from "typescript";
import { describe, expect, it, vi } from "vitest";
import * as gradlab from "gradlab";

const SRC = join(__dirname, "../../src");

interface Example { file: string; line: number; code: string; expected?: { name?: string; value: unknown } }

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? [join(dir, e.name)] : []);
}

/** `[1, 0.5]`, `true`, `3`, `S = [3, 2]`, `→ 2` as a value (undefined when the comment is prose). */
function parseExpected(comment: string): Example["expected"] {
  const m = /^(?:→\s*)?(?:([A-Za-z_$][\w$]*)\s*=\s*)?(.+)$/.exec(comment.trim());
  if (m === null) return undefined;
  try {
    return { name: m[1], value: JSON.parse(m[2]) };
  } catch {
    return undefined;
  }
}

/** Every @example (its code runs to the next tag or the end of the comment). */
function examplesOf(file: string): Example[] {
  const lines = readFileSync(file, "utf8").split("\n");
  const out: Example[] = [];
  lines.forEach((text, i) => {
    const start = /^\s*\*\s*@example\s+(.*)$/.exec(text);
    if (start === null) return;
    const body = [start[1]];
    for (let j = i + 1; j < lines.length; j++) {
      const more = /^\s*\*(?!\/)\s?(.*)$/.exec(lines[j]);
      if (more === null || more[1].trimStart().startsWith("@")) break;
      body.push(more[1]);
    }
    const code = body.join("\n").trim();
    const comment = /\s\/\/\s*([^/]*)$/.exec(code);
    out.push({
      file: relative(SRC, file),
      line: i + 1,
      code: comment === null ? code : code.slice(0, comment.index).trimEnd(),
      expected: comment === null ? undefined : parseExpected(comment[1]),
    });
  });
  return out;
}

/**
 * Names some examples use without defining them (a loss history, a 2-D loss, a trajectory, …):
 * sample values of the kinds the docs mean. An example needing another free name fails with a
 * ReferenceError: define it in the example or add it here.
 */
function fixtures(): Record<string, unknown> {
  const x = gradlab.tensor(0.5, { requiresGrad: true }), y = gradlab.tensor(1.5, { requiresGrad: true });
  return {
    losses: [1, 0.5, 0.3, 0.2, 0.15],
    trainLoss: [1, 0.6, 0.4], testLoss: [1.1, 0.7, 0.55],
    loss0: [1, 0.9, 0.8], loss5: [1, 0.5, 0.2], loss10: [1, 1.2, 1.5],
    inputs: [0, 0.5, 1, 1.5], targets: [0.1, 1.1, 1.9, 3.2],
    loss: (w1: number, w2: number) => (1 - w1 * w2) ** 2,
    path: [[1.5, -1], [1.2, -0.4], [1, 0.3]],
    gradF: (a: number, b: number) => [2 * a, 2 * b],
    f: x.mul(y).tanh(),
  };
}

/** The example as an async function of the scope; its last expression statement is returned. */
function compile(ex: Example, names: string[]): (scope: Record<string, unknown>) => Promise<unknown> {
  const file = ts.createSourceFile("example.ts", ex.code, ts.ScriptTarget.ES2022, true);
  const last = file.statements[file.statements.length - 1];
  let body = ex.code;
  if (ex.expected?.name !== undefined) body += `;\nreturn ${ex.expected.name};`;
  else if (last !== undefined && ts.isExpressionStatement(last)) {
    body = ex.code.slice(0, last.getStart()) + `return (${last.expression.getText()});`;
  }
  const source = `(async (__scope: any) => {\nconst { ${names.join(", ")} } = __scope;\n{\n${body}\n}\n})`;
  const js = ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.None } }).outputText;
  return runInThisContext(js, { filename: `${ex.file}:${ex.line}` });
}

/** Tensors compare by value; numbers to 1e-9 relative (absolute near 0). */
function plain(v: unknown): unknown {
  return v instanceof gradlab.Tensor ? v.toArray() : v;
}
function close(got: unknown, want: unknown, path = "value"): void {
  if (typeof want === "number") {
    const g = plain(got);
    expect(typeof g, `${path}: got ${JSON.stringify(g)}, the doc says ${want}`).toBe("number");
    expect(Math.abs((g as number) - want) <= 1e-9 * Math.max(1, Math.abs(want)), `${path}: got ${String(g)}, the doc says ${want}`).toBe(true);
  } else if (Array.isArray(want)) {
    const g = plain(got);
    expect(Array.isArray(g), `${path}: got ${JSON.stringify(g)}, the doc says ${JSON.stringify(want)}`).toBe(true);
    expect((g as unknown[]).length, `${path}: length`).toBe(want.length);
    want.forEach((w, i) => close((g as unknown[])[i], w, `${path}[${i}]`));
  } else {
    expect(plain(got), path).toEqual(want);
  }
}

const examples = sourceFiles(SRC).flatMap(examplesOf);

describe("doc examples in src/ run", () => {
  it("finds the examples (the extractor is not silently broken)", () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
    expect(examples.some((e) => e.expected !== undefined)).toBe(true);
  });
  it("fails an example whose documented value is wrong", async () => {
    const ex: Example = { file: "synthetic", line: 1, code: "const s = add(tensor([1, 2]), 1)\ns.sum()", expected: { value: 6 } };
    const run = compile(ex, ["add", "tensor"]);
    close(await run(gradlab), 5);
    expect(() => close(5, 6)).toThrow(/got 5, the doc says 6/);
    expect(parseExpected("→ [1, 0.5]")).toEqual({ name: undefined, value: [1, 0.5] });
    expect(parseExpected("S = [3, 2]")).toEqual({ name: "S", value: [3, 2] });
    expect(parseExpected("true")).toEqual({ name: undefined, value: true });
    expect(parseExpected("the losses")).toBeUndefined();
  });
  for (const ex of examples) {
    it(`${ex.file}:${ex.line}  ${ex.code.split("\n")[0]}`, async () => {
      const scope = { ...gradlab, ...fixtures() };
      const names = Object.keys(scope).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n) && n !== "default");
      const quiet = vi.spyOn(console, "log").mockImplementation(() => undefined);
      try {
        gradlab.manualSeed(0);
        const result = await compile(ex, names)(scope);
        if (ex.expected !== undefined) close(result, ex.expected.value, ex.expected.name ?? "value");
      } finally {
        quiet.mockRestore();
      }
    });
  }
});
