import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as RunnerModule from "../../grader/runner/index";
import type * as PreludeCacheModule from "../../grader/runner/prelude-cache";
import type * as PathsModule from "../../kernel/paths";
import { fromDist } from "../kernel/dist";

// Compiling in the grading process (RunnerOptions.compiler) must not change what a notebook does:
// the same cells give the same outputs, errors and execution counts as a child that compiles for
// itself, including what failed cells leave defined and a fresh child after a crash.

const { startRunner, CellCompiler, CompilerGroup } = fromDist<typeof RunnerModule>("grader/runner/index");
const { keepPrelude } = fromDist<typeof PreludeCacheModule>("grader/runner/prelude-cache");
const { libraryEntry } = fromDist<typeof PathsModule>("kernel/paths");
const scratches: string[] = [];
const scratch = () => {
  scratches.push(mkdtempSync(path.join(tmpdir(), "gradlab-parent-compile-")));
  return scratches.at(-1)!;
};
const options = () => {
  const cwd = scratch();
  return { cwd, timeoutMs: 20_000, memoryMb: 512, sandbox: { mechanism: "bwrap" as const } };
};

// Each entry: [what it exercises, the cell].
const cells: [string, string][] = [
  ["declarations and a stream", 'const a: number = 2;\nconsole.log("a is", a);'],
  ["a type error", "const n: number = 'x';"],
  ["a type error on a later line", "const ok = 1;\nconst bad: string = ok;"],
  ["the failed cells declared nothing", "typeof ok"],
  ["a runtime error", 'let kept5 = 5;\nthrow new RangeError("boom " + kept5);\nconst never = 1;'],
  ["what ran before the throw stays", "kept5 + 1"],
  ["what did not run says so", "never"],
  ["a value", "const t = tensor([[1, 2], [3, 4]]);\nt.sum()"],
  ["a display", "show(t)"],
  ["top-level await", "await new Promise((r) => setTimeout(r, 5));\nconst late = a * 10;\nlate"],
  ["a rejected last value keeps the cell's declarations", 'const kept = 7;\nPromise.reject(new Error("later"))'],
  ["kept after a rejected value", "kept + late"],
  ["redeclaring", "const a = 'now a string';\na.length"],
  ["a failed top-level await keeps what ran", 'const stays = 1;\nawait Promise.reject(new Error("async boom"));'],
  ["it stays", "stays"],
  ["types and functions", "type P = { x: number };\nfunction f(p: P): number { return p.x * 2; }\nf({ x: 21 })"],
  ["using them", "const q: P = { x: 1 };\nf(q)"],
  ["gradlab import", 'import { tensor as tt } from "gradlab";\ntt([1, 2, 3]).mean().item()'],
];

const comparable = (r: RunnerModule.ExecuteResult) => ({ status: r.status, outputs: r.outputs, error: r.error, executionCount: r.executionCount });

async function runAll(runner: RunnerModule.Runner, sources: string[], timeoutMs?: number) {
  const results = [];
  for (const source of sources) results.push(comparable(await runner.execute(source, timeoutMs ? { timeoutMs } : {})));
  return results;
}

/** The same cells on a runner compiling for itself and on one using the parent's compiler. */
async function bothModes(sources: string[], timeoutMs?: number) {
  const own = await startRunner(options());
  const expected = await runAll(own, sources, timeoutMs).finally(() => own.close());
  const parent = await startRunner({ ...options(), compiler });
  const before = { ...compiler.counts };
  const got = await runAll(parent, sources, timeoutMs).finally(() => parent.close());
  return { expected, got, before };
}

let compiler: InstanceType<typeof CellCompiler>;
beforeAll(() => {
  compiler = new CellCompiler({ memoryMb: 1024, sandbox: {} });
});
afterAll(async () => {
  await compiler?.close();
  for (const dir of scratches) rmSync(dir, { recursive: true, force: true });
});

describe("runner with a parent compiler", () => {
  it("gives the same outputs as a self-compiling child, cell by cell", async () => {
    const [own, parent] = await Promise.all([startRunner(options()), startRunner({ ...options(), compiler })]);
    try {
      const sources = cells.map(([, source]) => source);
      const expected = await runAll(own, sources);
      const { converted, child } = compiler.counts;
      const got = await runAll(parent, sources);
      expect(compiler.counts).toEqual({ converted: converted + cells.length, child });
      for (let i = 0; i < cells.length; i++) expect({ cell: cells[i]![0], ...got[i] }).toEqual({ cell: cells[i]![0], ...expected[i] });
      // The comparison means something only if these really were errors and values.
      expect(expected.map((r) => r.status)).toEqual(["ok", "error", "error", "error", "error", "ok", "error", "ok", "ok", "ok", "error", "ok", "ok", "error", "ok", "ok", "ok", "ok"]);
      expect(expected.map((r) => r.error?.evalue ?? "")).toEqual(expect.arrayContaining([
        "1:7 - Type 'string' is not assignable to type 'number'.",
        "2:7 - Type 'number' is not assignable to type 'string'.",
        "1:8 - Cannot find name 'ok'.",
        "'never' was not initialised because cell 5 failed before reaching its declaration. Fix cell 5 and run it again.",
      ]));
      expect(expected[8]!.outputs.map((o) => o.output_type)).toEqual(["display_data"]);
    } finally {
      await Promise.all([own.close(), parent.close()]);
    }
  });

  it("gives the same outputs on a second compiler that takes the first one's prelude instead of converting it", async () => {
    const second = new CellCompiler({ memoryMb: 1024, sandbox: {}, sharePreludeOf: compiler });
    const sources = cells.map(([, source]) => source);
    try {
      expect(await second.prelude()).toBe(await compiler.prelude());
      const [first, shared] = await Promise.all([startRunner({ ...options(), compiler }), startRunner({ ...options(), compiler: second })]);
      const [expected, got] = await Promise.all([runAll(first, sources), runAll(shared, sources)]).finally(() => Promise.all([first.close(), shared.close()]));
      expect(second.counts).toEqual({ converted: cells.length, child: 0 });
      for (let i = 0; i < cells.length; i++) expect({ cell: cells[i]![0], ...got[i] }).toEqual({ cell: cells[i]![0], ...expected[i] });
    } finally {
      await second.close();
    }
    expect(() => new CellCompiler({ libraryEntry: "/elsewhere/index.js", sharePreludeOf: compiler })).toThrow(/cannot share the prelude/);
  });

  it("sends each compile of a group to its least busy compiler, with the same conversions", async () => {
    const group = new CompilerGroup({ memoryMb: 1024, sandbox: {} }, 2);
    const prevDecl = (await compiler.prelude())!.declarations!;
    const one = "const one = tensor([1, 2]).sum();", two = "const two: string = 'x';";
    try {
      // The second compile is asked for while the first is pending: it goes to the other thread.
      const [a, b] = await Promise.all([group.compile(prevDecl, one, 20_000), group.compile(prevDecl, two, 20_000)]);
      expect(group.compilers.map((c) => c.counts)).toEqual([{ converted: 1, child: 0 }, { converted: 1, child: 0 }]);
      expect([a, b]).toEqual([await compiler.compile(prevDecl, one, 20_000), await compiler.compile(prevDecl, two, 20_000)]);
    } finally {
      await group.close();
    }
  });

  it("takes the prelude kept by an earlier batch instead of converting it, and compiles the same", async () => {
    const folder = scratch();
    const real = (await compiler.prelude())!;
    keepPrelude(folder, libraryEntry, { ...real, declarations: `${real.declarations}// kept\n` });
    const later = new CellCompiler({ memoryMb: 1024, sandbox: {}, preludeCache: folder });
    try {
      expect((await later.prelude())!.declarations).toMatch(/\/\/ kept\n$/);
      const runner = await startRunner({ ...options(), compiler: later });
      const got = await runAll(runner, ["const t = tensor([1, 2]);\nt.sum()", "const n: number = 'x';"]).finally(() => runner.close());
      expect(got.map((r) => r.status)).toEqual(["ok", "error"]);
      expect(later.counts).toEqual({ converted: 2, child: 0 });
    } finally {
      await later.close();
    }
  });

  it("starts children that build no compiler: they never load TypeScript", async () => {
    const runner = await startRunner({ ...options(), compiler });
    try {
      const loaded = await runner.execute('Object.keys(require.cache).filter((f) => /typescript-for-tslab/.test(f)).length');
      expect(loaded).toMatchObject({ status: "ok", outputs: [{ data: { "text/plain": "0" } }] });
    } finally {
      await runner.close();
    }
  });

  it("starts a fresh child after a crash and replays with the prelude's declarations only", async () => {
    const sources = ["const before = 3;", "process.abort()", "typeof before", "const before = 4;\nbefore"];
    const { expected, got } = await bothModes(sources);
    expect(got).toEqual(expected);
    expect(expected.map((r) => r.status)).toEqual(["ok", "crashed", "error", "ok"]);
    expect(expected[2]!.error?.evalue).toBe("1:8 - Cannot find name 'before'.");
  });

  it("interrupts a cell at its time limit the same way", async () => {
    const sources = ["const spin = 1;", "while (true) {}", "spin + 1"];
    const { expected, got } = await bothModes(sources, 1500);
    expect(got).toEqual(expected);
    expect(expected.map((r) => r.status)).toEqual(["ok", "timeout", "ok"]);
  });

  it("lets the child compile a `@module` cell and everything after it", async () => {
    const sources = ["const base = 10;", "/** @module helper */\nexport const twice = (x: number) => 2 * x;", 'import { twice } from "./helper";\ntwice(base)'];
    const { expected, got, before: { converted, child } } = await bothModes(sources);
    expect(compiler.counts).toEqual({ converted: converted + 1, child: child + 1 });
    expect(got).toEqual(expected);
    expect(expected[2]).toMatchObject({ status: "ok", outputs: [{ data: { "text/plain": "20" } }] });
  });

  it("lets the child compile a cell importing a file next to the notebook", async () => {
    const sources = ['import * as fs from "node:fs";\nfs.writeFileSync("local.ts", "export const seven: number = 7;");', 'import { seven } from "./local";\nseven * 6'];
    const { expected, got, before: { converted, child } } = await bothModes(sources);
    expect(compiler.counts).toEqual({ converted: converted + 1, child: child + 1 });
    expect(got).toEqual(expected);
    expect(expected[1]).toMatchObject({ status: "ok", outputs: [{ data: { "text/plain": "42" } }] });
  });

  it("compiles reading only what the sandboxed child may read", async () => {
    const secret = path.join(scratch(), "secret.ts");
    writeFileSync(secret, "export const answer = 0.5673243709264525 as const;\n");
    const sources = [`import { answer } from ${JSON.stringify(secret.replace(/\.ts$/, ""))};\nconst n: string = answer;`];
    const { expected, got } = await bothModes(sources);
    expect(got).toEqual(expected);
    expect(expected[0]!.error?.evalue).toMatch(/Cannot find module/);
    expect(JSON.stringify(got)).not.toContain("0.5673");
  });

  it("hands a cell back to the child when compiling it runs out of time, and restarts its thread", async () => {
    const decl = (await compiler.prelude())!.declarations ?? "";
    const slow = await compiler.compile(decl, "const x: number = 1;", 1);
    expect(slow).toMatchObject({ kind: "child", reason: "compiling took longer than 1 ms" });
    const again = await compiler.compile(decl, "const x: number = 1;", 60_000);
    expect(again).toMatchObject({ kind: "converted", result: { diagnostics: [] } });
  });

  it("refuses a sandboxed runner with a compiler that may read anything", async () => {
    const open = new CellCompiler({ memoryMb: 1024 });
    try {
      await expect(startRunner({ ...options(), compiler: open })).rejects.toThrow(/sandboxed runner needs a compiler/);
    } finally {
      await open.close();
    }
  });
});
