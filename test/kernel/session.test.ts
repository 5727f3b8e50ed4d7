import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as OutputModule from "../../kernel/output";
import type * as SessionModule from "../../kernel/session";
import { fromDist, miniLib } from "./dist";

// The Node session on a real tslab converter (in this thread) with a stand-in library: prelude,
// strict type checking, result bundles, errors, the display sink, local modules. No sockets.

const { createSession, threadBackend } = fromDist<typeof SessionModule>("kernel/session");
const { setOutputChannel } = fromDist<typeof OutputModule>("kernel/output");
let cell = 0;
const run = (code: string) => session.execute(code, ++cell);
let session: SessionModule.Session;
let cwd: string;
const displayed: unknown[] = [];

beforeAll(async () => {
  cwd = mkdtempSync(path.join(tmpdir(), "gradlab-session-"));
  writeFileSync(path.join(cwd, "helper.ts"), "export const answer: number = 42;\n");
  process.chdir(cwd);
  session = await createSession({ libraryEntry: miniLib, backend: threadBackend });
  setOutputChannel({ stream: () => {}, display: (data) => displayed.push(data), clear: () => {} });
});

afterAll(() => session?.close());

describe("session", () => {
  it("preloads the library: its names need no import and keep their types", async () => {
    expect(await run("const t: Tensor = tensor([1, 2, 3]); t.data.length")).toEqual({ status: "ok", result: { "text/plain": "3" } });
  });

  it("renders the last expression with its Jupyter.display bundle", async () => {
    const outcome = await run("tensor([1, 2]).sum()");
    expect(outcome).toEqual({ status: "ok", result: { "text/plain": "tensor([3])", "text/html": "<code>tensor([3])</code>" } });
  });

  it("resolves import from \"gradlab\" to the preloaded instance", async () => {
    expect(await run('import { tensor as t2 } from "gradlab";\nt2([1]) instanceof Tensor')).toEqual({ status: "ok", result: { "text/plain": "true" } });
  });

  it("type-checks cells with strict and lib es2023", async () => {
    const implicitAny = await run("function f(x) { return x; }");
    expect(implicitAny).toMatchObject({ status: "error", error: { ename: "TypeScriptError", evalue: "1:12 - Parameter 'x' implicitly has an 'any' type." } });
    expect(await run("[1, 2, 3].findLast((x) => x < 3)")).toEqual({ status: "ok", result: { "text/plain": "2" } });
  });

  it("reports a thrown error with its name, message and the cell's TypeScript line", async () => {
    await run("function check3(v: number): number {\n  if (v > 2) throw new RangeError('out of range');\n  return v;\n}");
    const outcome = await run("const fine: number = 1;\ncheck3(fine + 5);");
    expect(outcome).toMatchObject({ status: "error", error: { ename: "RangeError", evalue: "out of range" } });
    if (outcome.status !== "error") return;
    expect(outcome.error.traceback).toEqual([
      "RangeError: out of range",
      `    at check3 (cell ${cell - 1}, line 2):  if (v > 2) throw new RangeError('out of range');`,
      `    at cell ${cell}, line 2:  check3(fine + 5);`,
    ]);
  });

  it("keeps a cell's declarations that ran before it threw, and explains the others", async () => {
    expect(await run("const early = 40;\nthrow new Error('stop');\nconst late = 2;")).toMatchObject({ status: "error" });
    const failed = cell;
    expect(await run("early + 2")).toEqual({ status: "ok", result: { "text/plain": "42" } });
    expect(await run("late")).toMatchObject({
      status: "error",
      error: { ename: "ReferenceError", evalue: `'late' was not initialised because cell ${failed} failed before reaching its declaration. Fix cell ${failed} and run it again.` },
    });
  });

  it("accepts every identifier, also those starting with two underscores (tslab exported them as ___r)", async () => {
    expect(await run("const __r: any = {}; __r.a = 1;\nlet ___x = 2;\nfunction __f() { return 3; }")).toEqual({ status: "ok", result: null });
    expect(await run("__r.a + ___x + __f()")).toEqual({ status: "ok", result: { "text/plain": "6" } });
  });

  it("awaits a Promise that is the last expression, and its displays", async () => {
    displayed.length = 0;
    expect(await run('showLater("late"); await showLater("awaited"); 1')).toMatchObject({ status: "ok" });
    expect(await run('showLater("last")')).toEqual({ status: "ok", result: null });
    expect(displayed).toContainEqual({ "text/plain": "awaited", "text/html": "<b>awaited</b>" });
    expect(displayed).toContainEqual({ "text/plain": "last", "text/html": "<b>last</b>" });
  });

  it("compiles local TypeScript modules from the notebook's folder", async () => {
    expect(await run('import { answer } from "./helper";\nanswer + 1')).toEqual({ status: "ok", result: { "text/plain": "43" } });
  });

  it("stops an awaited never-settling promise on interrupt", async () => {
    setTimeout(() => session.interrupt(), 50);
    expect(await run("await new Promise(() => {})")).toMatchObject({ status: "error", error: { ename: "KeyboardInterrupt" } });
    expect(await run("1 + 1")).toEqual({ status: "ok", result: { "text/plain": "2" } });
  });

  it("completes and inspects the library's names", async () => {
    expect((await session.complete("tens", 4)).candidates).toContain("tensor");
    expect(await session.inspect("tensor", 2)).toContain("tensor(data: number[]): Tensor");
  });
});
