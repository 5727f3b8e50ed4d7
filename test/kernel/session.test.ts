import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as SessionModule from "../../kernel/session";
import { fromDist, miniLib } from "./dist";

// The executor wiring on a real tslab converter with a stand-in library: prelude, strict type
// checking, result bundles, errors, the display sink. No sockets.

const { createSession } = fromDist<typeof SessionModule>("kernel/session");
let session: SessionModule.Session;
let cwd: string;
const displayed: unknown[] = [];

beforeAll(async () => {
  cwd = mkdtempSync(path.join(tmpdir(), "gradlab-session-"));
  writeFileSync(path.join(cwd, "helper.ts"), "export const answer: number = 42;\n");
  process.chdir(cwd);
  session = await createSession({ libraryEntry: miniLib });
  const jupyter = fromDist<{ lastWriteDisplayData: unknown }>("../node_modules/tslab/dist/jupyter");
  jupyter.lastWriteDisplayData = (data: { data: unknown }) => displayed.push(data.data);
});

afterAll(() => session?.close());

describe("session", () => {
  it("preloads the library: its names need no import and keep their types", async () => {
    expect(await session.execute("const t: Tensor = tensor([1, 2, 3]); t.data.length")).toEqual({ status: "ok", result: { "text/plain": "3" } });
  });

  it("renders the last expression with its Jupyter.display bundle", async () => {
    const outcome = await session.execute("tensor([1, 2]).sum()");
    expect(outcome).toEqual({ status: "ok", result: { "text/plain": "tensor([3])", "text/html": "<code>tensor([3])</code>" } });
  });

  it("resolves import from \"gradlab\" to the preloaded instance", async () => {
    expect(await session.execute('import { tensor as t2 } from "gradlab";\nt2([1]) instanceof Tensor')).toEqual({ status: "ok", result: { "text/plain": "true" } });
  });

  it("type-checks cells with strict and lib es2023", async () => {
    const implicitAny = await session.execute("function f(x) { return x; }");
    expect(implicitAny).toMatchObject({ status: "error", error: { ename: "TypeScriptError", evalue: "1:12 - Parameter 'x' implicitly has an 'any' type." } });
    expect(await session.execute("[1, 2, 3].findLast((x) => x < 3)")).toEqual({ status: "ok", result: { "text/plain": "2" } });
  });

  it("reports a thrown error with its name, message and the cell's frames", async () => {
    const outcome = await session.execute("\nthrow new RangeError('out of range');");
    expect(outcome).toMatchObject({ status: "error", error: { ename: "RangeError", evalue: "out of range" } });
    if (outcome.status !== "error") return;
    expect(outcome.error.traceback[0]).toBe("RangeError: out of range");
    expect(outcome.error.traceback.join("\n")).not.toMatch(/tslab|node:/);
  });

  it("awaits a Promise that is the last expression, and its displays", async () => {
    displayed.length = 0;
    expect(await session.execute('showLater("late"); await showLater("awaited"); 1')).toMatchObject({ status: "ok" });
    expect(await session.execute('showLater("last")')).toEqual({ status: "ok", result: null });
    expect(displayed).toContainEqual({ "text/plain": "awaited", "text/html": "<b>awaited</b>" });
    expect(displayed).toContainEqual({ "text/plain": "last", "text/html": "<b>last</b>" });
  });

  it("compiles local TypeScript modules from the notebook's folder", async () => {
    expect(await session.execute('import { answer } from "./helper";\nanswer + 1')).toEqual({ status: "ok", result: { "text/plain": "43" } });
  });

  it("stops an awaited never-settling promise on interrupt", async () => {
    setTimeout(() => session.interrupt(), 50);
    expect(await session.execute("await new Promise(() => {})")).toMatchObject({ status: "error", error: { ename: "KeyboardInterrupt" } });
    expect(await session.execute("1 + 1")).toEqual({ status: "ok", result: { "text/plain": "2" } });
  });

  it("completes and inspects the library's names", () => {
    expect(session.complete("tens", 4).candidates).toContain("tensor");
    const info = session.inspect("tensor", 2);
    expect(info.displayParts?.map((p) => p.text).join("")).toContain("tensor(data: number[]): Tensor");
  });
});
