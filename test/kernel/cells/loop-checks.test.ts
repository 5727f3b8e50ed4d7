import * as tslabTs from "@tslab/typescript-for-tslab";
import type * as TS from "typescript";
import { describe, expect, it } from "vitest";
import { InterruptFlag, type LoopCheck, NO_LOOP_CHECK, raiseInterrupt, STOP_GLOBAL } from "../../../kernel/cells/interrupt-flag";
import { LOOP_CHECK, prepareConversion, SHARED_LOOP_CHECK } from "../../../kernel/cells/prepare";
import { defineStopGlobal, stopGlobalCheck } from "../../../kernel/stop-global";
import { interruptFromThread } from "./waker";

// tslab's TypeScript 5.0 (what the converter runs on), typed as the project's TypeScript.
const ts = tslabTs as unknown as typeof TS;

// Every loop body of a compiled cell starts with a loop check that calls `__gradlab.check()` once
// an Interrupt may be pending, which throws while one raised on the flag is: how a runaway loop
// stops without a signal. On Node the check reads a global another thread sets through the
// inspector (kernel/stop-global.ts); in a browser worker, the shared flag's `pending` word.

const CHECK = LOOP_CHECK;
const g = globalThis as unknown as Record<string, number>;
defineStopGlobal();

/** The program prepareConversion makes of `js` (as if tslab had emitted it). */
function compiled(js: string, hasToplevelAwait = false, check = LOOP_CHECK) {
  const conversion = prepareConversion(ts, { output: js, diagnostics: [], hasToplevelAwait }, js, undefined, check);
  return conversion.program!;
}

/** Run a sync program's body with `loops` as its loop check; its return value. */
function run(js: string, loops: LoopCheck = NO_LOOP_CHECK, check = LOOP_CHECK): unknown {
  const fn = (0, eval)(`(function (__gradlab) {\n${compiled(js, false, check).js}\n})`) as (guard: object) => unknown;
  return fn({ pending: loops.pending, check: loops.check, resume: (v: unknown) => v });
}

/** Run as a browser worker does: loops check the shared word. */
const runShared = (js: string, loops: LoopCheck) => run(js, loops, SHARED_LOOP_CHECK);

const count = (text: string) => text.split(CHECK).length - 1;

/** Call the flag's loop check `n` times, as `n` loop iterations would. */
function checks(flag: InterruptFlag, n: number): void {
  for (let i = 0; i < n; i++) flag.check();
}

describe("loop checks", () => {
  it.each([
    ["for", "for (let i = 0; i < 3; i++) { n++; }"],
    ["for without a block", "for (let i = 0; i < 3; i++) n++;"],
    ["for-of", "for (const v of [1, 2, 3]) n += v;"],
    ["for-in", "for (const k in { a: 1 }) { n++; }"],
    ["while", "while (n < 3) n++;"],
    ["do-while", "do { n++; } while (n < 3);"],
    ["a labelled loop", "outer: for (;;) { n++; if (n > 2) break outer; }"],
    ["an empty body", "while (n++ < 3);"],
  ])("start every %s body and keep every line where it was", (_, loop) => {
    const js = `let n = 0;\n${loop}\nreturn n;`;
    const out = compiled(js).js;
    expect(count(out)).toBe(1);
    expect(out.split("\n").length).toBe(js.split("\n").length);
    expect(run(js)).toBeGreaterThan(0);
  });

  it("check nested loops and loops inside functions", () => {
    expect(count(compiled("function f() { while (a) { for (;;) {} } }").js)).toBe(2);
  });

  it("come before an await that starts a loop body and after its closing parenthesis", () => {
    const program = compiled("while (go()) await tick()\nfor (;;) await null;", true);
    expect(program.mode).toBe("steps");
    expect(program.js).toBe(`while (go()) {${CHECK}(yield tick())}\nfor (;;) {${CHECK}(yield null);}`);
  });

  it("stop a runaway loop once the flag is raised, even one that catches everything, until the flag is settled", () => {
    const flag = new InterruptFlag();
    expect(runShared("let k = 0; while (k < 5) k++; return k;", flag)).toBe(5);
    const n = raiseInterrupt(flag.buffer);
    const interrupted = expect.objectContaining({ code: "ERR_SCRIPT_EXECUTION_INTERRUPTED" });
    expect(() => runShared("while (true) {}", flag)).toThrow(interrupted);
    expect(() => runShared("while (true) { try { for (;;) {} } catch {} }", flag)).toThrow(interrupted);
    flag.settle();
    expect(flag.isNew(n)).toBe(false);
    expect(runShared("let k = 0; while (k < 5) k++; return k;", flag)).toBe(5);
  });

  it("tell an Interrupt not yet settled from one that was", () => {
    const flag = new InterruptFlag();
    const first = raiseInterrupt(flag.buffer);
    expect(flag.isNew(first)).toBe(true);
    expect(flag.isNew(first)).toBe(false);
    expect(() => checks(flag, 100)).not.toThrow();
    const second = raiseInterrupt(flag.buffer);
    expect(() => checks(flag, 100)).toThrow();
    expect(flag.isNew(second)).toBe(true);
    expect(() => checks(flag, 100)).not.toThrow();
  });

  it("call check() only while the pending word is set, and once tripped keep it set", () => {
    const flag = new InterruptFlag();
    let calls = 0;
    const counted: LoopCheck = { pending: flag.pending, check: () => (calls++, flag.check()) };
    expect(runShared("let k = 0; while (k < 100) k++; return k;", counted)).toBe(100);
    expect(calls).toBe(0);
    raiseInterrupt(flag.buffer);
    expect(() => runShared("while (true) {}", counted)).toThrow();
    expect(calls).toBe(1);
    expect(flag.pending[0]).not.toBe(0);
    for (let i = 0; i < 3; i++) expect(() => flag.check()).toThrow();
    flag.settle();
    expect(flag.pending[0]).toBe(0);
    expect(() => checks(flag, 100)).not.toThrow();
  });

  it("lose no Interrupt raised between a check clearing the pending word and reading the count", () => {
    const flag = new InterruptFlag();
    const first = raiseInterrupt(flag.buffer);
    expect(flag.isNew(first)).toBe(true);
    // The pending word is still set from `first`: the next check clears it and finds nothing new.
    expect(flag.pending[0]).not.toBe(0);
    flag.check();
    expect(flag.pending[0]).toBe(0);
    raiseInterrupt(flag.buffer);
    expect(() => runShared("for (;;) {}", flag)).toThrow();
  });

  it("compile a browser worker's loops with the shared word's check", () => {
    const out = compiled("while (a) { for (;;) {} }", false, SHARED_LOOP_CHECK).js;
    expect(out.split(SHARED_LOOP_CHECK).length - 1).toBe(2);
    expect(count(out)).toBe(0);
  });
});

describe("loop checks on Node (a global the inspector sets)", () => {
  const counting = (flag: InterruptFlag) => {
    const inner = stopGlobalCheck(flag);
    const counted = { pending: flag.pending, calls: 0, check: () => (counted.calls++, inner.check()) };
    return counted;
  };

  it("never call check() while the global is 0, whatever the shared word says", () => {
    const flag = new InterruptFlag();
    const loops = counting(flag);
    raiseInterrupt(flag.buffer);
    expect(run("let k = 0; while (k < 1000) k++; return k;", loops)).toBe(1000);
    expect(loops.calls).toBe(0);
  });

  it("stop a runaway loop, even one that catches everything, once the global is set; set it back to 0 when nothing is news", () => {
    const flag = new InterruptFlag();
    const loops = counting(flag);
    const n = raiseInterrupt(flag.buffer);
    g[STOP_GLOBAL] = 1; // what the control thread's wakeLoopChecks() stores
    const interrupted = expect.objectContaining({ code: "ERR_SCRIPT_EXECUTION_INTERRUPTED" });
    expect(() => run("while (true) { try { for (;;) {} } catch {} }", loops)).toThrow(interrupted);
    expect(g[STOP_GLOBAL]).toBe(1);
    flag.settle();
    expect(flag.isNew(n)).toBe(false);
    loops.calls = 0;
    expect(run("let k = 0; while (k < 100) k++; return k;", loops)).toBe(100);
    expect(loops.calls).toBe(1);
    expect(g[STOP_GLOBAL]).toBe(0);
  });

  it("stop a loop V8 has optimised when another thread raises the flag and wakes the checks", () => {
    const flag = new InterruptFlag();
    const loops = stopGlobalCheck(flag);
    // A hot function first (optimised, the check folded away), then the same function made to run for good.
    const fn = (0, eval)(`(function (__gradlab) { return (n) => { let s = 0; for (let i = 0; i < n; i++) { ${CHECK} s += i * 0.5; } return s; }; })`)(loops) as (n: number) => number;
    for (let i = 0; i < 50; i++) fn(1e5);
    interruptFromThread(flag.buffer, 100);
    // Bounded (seconds), so that a loop the wake cannot reach fails instead of hanging the run.
    expect(() => { for (let k = 0; k < 500; k++) fn(1e7); }).toThrow(expect.objectContaining({ code: "ERR_SCRIPT_EXECUTION_INTERRUPTED" }));
    flag.settle();
    expect(fn(10)).toBe(22.5);
  });
});
