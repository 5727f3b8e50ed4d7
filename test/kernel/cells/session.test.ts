import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { createCellSession } from "../../../kernel/cells/session";
import type { CellConversion, CellProgram } from "../../../kernel/cells/types";
import { InterruptFlag } from "../../../kernel/cells/interrupt-flag";
import { LOOP_CHECK } from "../../../kernel/cells/prepare";
import { createNodeHost } from "../../../kernel/node-host";
import { interruptFromThread } from "./waker";

// The cell-semantics core on the Node host, with hand-written programs in the shape the compile
// step produces (no TypeScript involved): what survives a throw, what an interrupt stops, and how
// errors name the student's lines.

type Cell = Partial<CellProgram> & { js: string; declarations?: string };

/** A session whose compile step returns the given programs for the given sources. */
function sessionOf(programs: Record<string, Cell>, interrupts?: InterruptFlag) {
  const host = createNodeHost({ cwd: process.cwd(), tslab: () => ({}), ...(interrupts && { interrupts }) });
  return createCellSession({
    host,
    compile: async (_declarations, code): Promise<CellConversion> => {
      const cell = programs[code];
      if (!cell) return { diagnostics: [{ start: { offset: 0, line: 0, character: 0 }, end: { offset: 0, line: 0, character: 1 }, messageText: "no such cell", category: 1, code: 1 }] };
      const js = cell.js;
      const lines = js.split("\n").map((_, i): Array<[number, number]> => [[0, i + 1]]);
      return { diagnostics: [], declarations: cell.declarations ?? code, program: { mode: "sync", declared: [], lines, ...cell, js } };
    },
  });
}

/** Send this process SIGINT from another thread after `ms` (the cell's own thread may be busy). */
function interruptAfter(ms: number): void {
  new Worker(`setTimeout(() => process.kill(process.pid, "SIGINT"), ${ms})`, { eval: true }).unref();
}

describe("cell session (core)", () => {
  it("keeps what ran before a throw and explains what did not", async () => {
    const s = sessionOf({
      fail: { js: 'exports.helper = helper;\nfunction helper(v) { return v * 2; }\nconst before = 41; exports.before = before;\nthrow new Error("boom");\nconst after = 1; exports.after = after;', declared: ["helper", "before", "after"] },
      use: { js: "exports.out = exports.helper(exports.before);", lastExpression: "out" },
      late: { js: "exports.out = exports.after;", lastExpression: "out" },
    });
    const failed = await s.execute("fail", 3);
    expect(failed).toMatchObject({ status: "error", error: { ename: "Error", evalue: "boom" } });
    expect(s.declarations).toBe("fail");
    expect(await s.execute("use", 4)).toEqual({ status: "ok", result: { "text/plain": "82" } });
    expect(await s.execute("late", 5)).toMatchObject({
      status: "error",
      error: { ename: "ReferenceError", evalue: "'after' was not initialised because cell 3 failed before reaching its declaration. Fix cell 3 and run it again." },
    });
  });

  it("names the cell and line of every frame in a cell, innermost first", async () => {
    const s = sessionOf({
      def: { js: "exports.deep = deep;\nfunction deep(n) {\n  if (n === 0) throw new RangeError('bottom');\n  return deep(n - 1);\n}", declared: ["deep"] },
      call: { js: "const q = 1;\nexports.deep(1);" },
    });
    await s.execute("def", 1);
    const outcome = await s.execute("call", 2);
    expect(outcome.status === "error" && outcome.error.traceback).toEqual([
      "RangeError: bottom",
      "    at deep (cell 1, line 3)",
      "    at deep (cell 1, line 4)",
      "    at cell 2, line 2",
    ]);
  });

  it("describes an error thrown after its cell ended (a timer's callback) in cell terms", async () => {
    const s = sessionOf({ timer: { js: "function later() {\n  throw new Error('late');\n}\nexports.t = new Promise((r) => setTimeout(() => { try { later(); } catch (e) { r(e); } }, 1));", declared: ["t"] } });
    const outcome = await s.execute("timer", 4);
    const thrown = outcome.status === "ok" ? undefined : outcome.error;
    expect(thrown).toBeUndefined();
    const caught = await (s.exports.t as Promise<unknown>);
    expect(s.describe(caught).traceback).toEqual(["Error: late", "    at later (cell 4, line 2)", "    at cell 4, line 4"]);
  });

  it("changes nothing when the cell does not compile", async () => {
    const s = sessionOf({ ok: { js: "const a = 1;", declarations: "declare const a: number;" } });
    await s.execute("ok", 1);
    expect(await s.execute("typo", 2)).toMatchObject({ status: "error", error: { ename: "TypeScriptError", evalue: "1:1 - no such cell" } });
    expect(s.declarations).toBe("declare const a: number;");
  });

  it("stops a synchronous loop on SIGINT and cancels the timers the cell started", async () => {
    const s = sessionOf({
      loop: { js: "exports.state = { ticks: 0 };\nsetInterval(() => exports.state.ticks++, 5);\nwhile (true) {}", declared: ["state"] },
      wait: { js: "exports.out = new Promise((r) => setTimeout(() => r(exports.state.ticks), 60));", lastExpression: "out" },
    });
    process.once("SIGINT", () => s.interrupt());
    interruptAfter(200);
    expect(await s.execute("loop", 1)).toMatchObject({ status: "error", error: { ename: "KeyboardInterrupt" } });
    expect(await s.execute("wait", 2)).toEqual({ status: "ok", result: { "text/plain": "0" } });
  });

  it("with an interrupt flag, stops a synchronous loop at its loop check when another thread raises the flag and wakes the checks", async () => {
    const flag = new InterruptFlag();
    const s = sessionOf({
      loop: { js: `exports.state = { ticks: 0 };\nsetInterval(() => exports.state.ticks++, 5);\nwhile (true) { ${LOOP_CHECK} try { for (;;) { ${LOOP_CHECK} } } catch {} }`, declared: ["state"] },
      wait: { js: "exports.out = new Promise((r) => setTimeout(() => r(exports.state.ticks), 60));", lastExpression: "out" },
    }, flag);
    // raiseInterrupt and wakeLoopChecks, as the kernel's control thread does on interrupt_request (the main thread is busy in the loop).
    interruptFromThread(flag.buffer, 200);
    expect(await s.execute("loop", 1)).toMatchObject({ status: "error", error: { ename: "KeyboardInterrupt" } });
    flag.settle(); // as the kernel's session does when a cell ends
    expect(await s.execute("wait", 2)).toEqual({ status: "ok", result: { "text/plain": "0" } });
  });

  it("stops an awaiting loop at once, and its awaits never resume", async () => {
    const s = sessionOf({
      start: { js: "exports.state = { steps: 0 };\nwhile (true) {\n  (yield new Promise((r) => setTimeout(r, 5)));\n  exports.state.steps++;\n}", mode: "steps", declared: ["state"] },
      read: { js: "const a = exports.state.steps;\n(yield new Promise((r) => setTimeout(r, 60)));\nexports.out = [a, exports.state.steps];", mode: "steps", lastExpression: "out" },
    });
    setTimeout(() => s.interrupt(), 100);
    expect(await s.execute("start", 1)).toMatchObject({ status: "error", error: { ename: "KeyboardInterrupt" } });
    const after = await s.execute("read", 2);
    const [before, later] = JSON.parse(after.status === "ok" ? String(after.result!["text/plain"]) : "[]") as number[];
    expect(before).toBeGreaterThan(0);
    expect(later).toBe(before);
  });

  it("makes a nested async loop that awaits without timers throw when it resumes", async () => {
    const s = sessionOf({
      spin: { js: "exports.state = { n: 0 };\nconst spin = async () => { for (;;) { await __gradlab.resume(await null); exports.state.n++; } };\n(yield spin());", mode: "steps", declared: ["state"] },
      read: { js: "const a = exports.state.n;\n(yield new Promise((r) => setTimeout(r, 60)));\nexports.out = exports.state.n === a;", mode: "steps", lastExpression: "out" },
    });
    setTimeout(() => s.interrupt(), 100);
    expect(await s.execute("spin", 1)).toMatchObject({ status: "error", error: { ename: "KeyboardInterrupt" } });
    expect(await s.execute("read", 2)).toEqual({ status: "ok", result: { "text/plain": "true" } });
  });

  it("interrupts a cell that is still compiling: it never runs", async () => {
    const host = createNodeHost({ cwd: process.cwd(), tslab: () => ({}) });
    let compiled = false;
    const s = createCellSession({
      host,
      compile: () => new Promise((resolve) => setTimeout(() => { compiled = true; resolve({ diagnostics: [], program: { js: "globalThis.ran = true;", mode: "sync", declared: [], lines: [] } }); }, 100)),
    });
    setTimeout(() => s.interrupt(), 20);
    expect(await s.execute("x", 1)).toMatchObject({ status: "error", error: { ename: "KeyboardInterrupt" } });
    await new Promise((r) => setTimeout(r, 150));
    expect(compiled).toBe(true);
    expect((globalThis as { ran?: boolean }).ran).toBeUndefined();
  });
});
