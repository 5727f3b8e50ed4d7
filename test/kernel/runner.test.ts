import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as RunnerModule from "../../grader/runner/index";
import { fromDist, miniLib } from "./dist";

// The embedded runner end to end: a real child process per runner, with the stand-in library.

const { startRunner, runNotebook, RunnerPool, NotebookError } = fromDist<typeof RunnerModule>("grader/runner/index");
const scratch = () => mkdtempSync(path.join(tmpdir(), "gradlab-runner-"));
const setup = path.join(path.dirname(miniLib), "..", "runner-setup.js");
let runner: RunnerModule.Runner;

beforeAll(async () => {
  runner = await startRunner({ cwd: scratch(), libraryEntry: miniLib, timeoutMs: 1500, maxOutputBytes: 10_000, setup });
});
afterAll(() => runner?.close());

// A code cell as nbformat 4.4 wrote it: no id, which runNotebook must add for 4.5.
const code = (source: string) => ({ cell_type: "code", metadata: {}, source, outputs: [], execution_count: null });

describe("runner", () => {
  it("records stream, display_data and execute_result outputs with execution counts", async () => {
    const res = await runner.execute('console.log("hi"); console.error("oops"); show(7); tensor([1, 2]).sum()');
    expect(res.status).toBe("ok");
    expect(res.outputs).toEqual([
      { output_type: "stream", name: "stdout", text: "hi\n" },
      { output_type: "stream", name: "stderr", text: "oops\n" },
      { output_type: "display_data", data: { "text/plain": "7", "text/html": "<b>7</b>" }, metadata: {} },
      { output_type: "execute_result", execution_count: res.executionCount, data: { "text/plain": "tensor([3])", "text/html": "<code>tensor([3])</code>" }, metadata: {} },
    ]);
  });

  it("reports type errors and exceptions as error outputs and keeps going", async () => {
    const typeError = await runner.execute("const n: number = 'x';");
    expect(typeError).toMatchObject({ status: "error", error: { ename: "TypeScriptError", evalue: "1:7 - Type 'string' is not assignable to type 'number'." } });
    expect(typeError.outputs).toEqual([{ output_type: "error", ...typeError.error }]);
    expect(await runner.execute("throw new TypeError('nope')")).toMatchObject({ status: "error", error: { ename: "TypeError", evalue: "nope" } });
    expect(await runner.execute("40 + 2")).toMatchObject({ status: "ok", outputs: [{ data: { "text/plain": "42" } }] });
  });

  it.each([
    ["a synchronous loop", "while (true) {}"],
    ["an awaited promise that never settles", "await new Promise(() => {})"],
  ])("interrupts %s at the time limit; the process and its variables survive", async (_, loop) => {
    await runner.execute("const kept = 5;");
    const res = await runner.execute(loop, { timeoutMs: 500 });
    expect(res).toMatchObject({ status: "timeout", error: { ename: "TimeoutError" } });
    expect(await runner.execute("kept")).toMatchObject({ status: "ok", outputs: [{ data: { "text/plain": "5" } }] });
  });

  it("truncates a cell that prints 100 MB, with a note", async () => {
    const res = await runner.execute('const mb = "x".repeat(1 << 20); for (let i = 0; i < 100; i++) console.log(mb); "done"');
    expect(res.status).toBe("ok");
    const text = res.outputs.map((o) => ("text" in o ? o.text : "")).join("");
    expect(text.length).toBeLessThan(11_000);
    expect(text).toMatch(/output truncated: this cell produced more than 10000 characters/);
  });

  it("passes records a setup module emits to the cell's messages", async () => {
    const res = await runner.execute('(globalThis as any).sendToParent({ label: "w", value: [1, 2] });');
    expect(res.messages).toEqual([{ type: "check", record: { label: "w", value: [1, 2] }, sameLibrary: true }]);
  });

  it("stops a child that passes its memory limit and starts a fresh one for the next cell", async () => {
    const small = await startRunner({ cwd: scratch(), libraryEntry: miniLib, memoryMb: 300 });
    try {
      const res = await small.execute("const keep: number[][] = []; while (true) keep.push(new Array(1e6).fill(1.5));");
      expect(res).toMatchObject({ status: "crashed", error: { ename: "MemoryError" } });
      expect(await small.execute("tensor([1]).data.length")).toMatchObject({ status: "ok", executionCount: 1 });
    } finally {
      await small.close();
    }
  });

  it("confines a child with Node's permission model to its scratch folder (--sandbox node)", async () => {
    const cwd = scratch();
    const boxed = await startRunner({ cwd, libraryEntry: miniLib, sandbox: { mechanism: "node" } });
    try {
      const fs = 'import * as fs from "node:fs";\n';
      expect(await boxed.execute(`${fs}fs.writeFileSync("ok.txt", "x"); fs.readFileSync("ok.txt", "utf8")`)).toMatchObject({ status: "ok" });
      expect(await boxed.execute(`${fs}fs.readFileSync("/etc/hostname", "utf8")`)).toMatchObject({ status: "error", error: { evalue: expect.stringMatching(/access/i) } });
      expect(await boxed.execute(`${fs}fs.writeFileSync("${tmpdir()}/escape.txt", "x")`)).toMatchObject({ status: "error" });
      expect(await boxed.execute('import { execSync } from "node:child_process";\nexecSync("true")')).toMatchObject({ status: "error" });
    } finally {
      await boxed.close();
    }
  });
});

describe("runNotebook", () => {
  it("executes every code cell, failures included, into a valid nbformat 4.5 notebook", async () => {
    const dir = scratch();
    const file = path.join(dir, "nb.ipynb");
    const nb = { nbformat: 4, nbformat_minor: 4, metadata: {}, cells: [
      { cell_type: "markdown", metadata: {}, source: "# title" },
      code("1 + 1"), code("throw new Error('x')"), code("2 + 2"),
    ] };
    writeFileSync(file, JSON.stringify(nb));
    const { notebook, failed, cells } = await runNotebook(file, { libraryEntry: miniLib });
    expect(failed).toBe(1);
    expect(cells.map((c) => c.status)).toEqual(["ok", "error", "ok"]);
    expect(notebook.nbformat_minor).toBe(5);
    expect(notebook.cells.map((c) => c.execution_count ?? null)).toEqual([null, 1, 2, 3]);
    expect(notebook.cells.every((c) => typeof c.id === "string")).toBe(true);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(nb);
  });

  it.each([
    ["not JSON", "this is not json", /is not a notebook: it is not valid JSON/],
    ["not a notebook", '{"hello": 1}', /is not a notebook: it has no "nbformat" field/],
    ["an nbformat 3 notebook", '{"nbformat": 3, "nbformat_minor": 0, "metadata": {}, "worksheets": []}', /is nbformat 3; save it as nbformat 4/],
    ["a notebook with a malformed cell", '{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code"}]}', /not a valid nbformat 4 notebook: \/cells\/0 must have required property/],
  ])("rejects a file that is %s with a clear error", async (_, text, message) => {
    const file = path.join(scratch(), "bad.ipynb");
    writeFileSync(file, text);
    const error = await runNotebook(file, { libraryEntry: miniLib }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotebookError);
    expect((error as Error).message).toMatch(message);
  });
});

describe("RunnerPool", () => {
  it("hands out runners that are already started, each with its own options", async () => {
    const dirs: string[] = [];
    const pool = new RunnerPool(() => {
      dirs.push(scratch());
      return { cwd: dirs.at(-1)!, libraryEntry: miniLib };
    }, 1);
    try {
      const first = await pool.acquire();
      const res = await first.execute("process.cwd()");
      await first.close();
      expect(res.outputs).toEqual([expect.objectContaining({ data: { "text/plain": `'${dirs[0]}'` } })]);
      expect(dirs.length).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it("starts no more runners ahead than acquire() calls are expected", async () => {
    let started = 0;
    const pool = new RunnerPool(() => (started++, { cwd: scratch(), libraryEntry: miniLib }), 2, 1);
    try {
      expect(started).toBe(1);
      const only = await pool.acquire();
      expect((await only.execute("1 + 1")).status).toBe("ok");
      await only.close();
      expect(started).toBe(1);
    } finally {
      await pool.close();
    }
  });
});
