import * as tslabTs from "@tslab/typescript-for-tslab";
import type * as TS from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { CHECK, installInterruptCheck, instrumentLoops } from "../../../lite/worker/interrupt";

// tslab's TypeScript 5.0 (what the worker bundles), typed as the project's TypeScript.
const ts = tslabTs as unknown as typeof TS;

// Loops of compiled cells call the interrupt check, which throws once the shared flag is set.

const flag = new Int32Array(new SharedArrayBuffer(4));
beforeAll(() => installInterruptCheck(flag));

const run = (js: string): unknown => (0, eval)(instrumentLoops(ts, js));

describe("instrumentLoops", () => {
  it.each([
    ["for", "for (let i = 0; i < 3; i++) { n++; }"],
    ["for without a block", "for (let i = 0; i < 3; i++) n++;"],
    ["for-of", "for (const v of [1, 2, 3]) n += v;"],
    ["for-in", "for (const k in { a: 1 }) { n++; }"],
    ["while", "while (n < 3) n++;"],
    ["do-while", "do { n++; } while (n < 3);"],
    ["a labelled loop", "outer: for (;;) { n++; if (n > 2) break outer; }"],
  ])("puts the check at the start of every %s body and keeps every line where it was", (_, loop) => {
    const js = `let n = 0;\n${loop}\nn;`;
    const out = instrumentLoops(ts, js);
    expect(out.split(`${CHECK}();`).length - 1).toBe(1);
    expect(out.split("\n").length).toBe(js.split("\n").length);
    expect(run(`(() => { ${js.replace(/\nn;$/, "\nreturn n;")} })()`)).toBeGreaterThan(0);
  });

  it("checks nested loops and loops inside functions", () => {
    const out = instrumentLoops(ts, "function f() { while (a) { for (;;) {} } }");
    expect(out.split(`${CHECK}();`).length - 1).toBe(2);
  });

  it("stops a runaway loop once the flag is set, even one that catches everything", () => {
    Atomics.store(flag, 0, 1);
    try {
      expect(() => run("while (true) {}")).toThrow(expect.objectContaining({ code: "ERR_SCRIPT_EXECUTION_INTERRUPTED" }));
      expect(() => run("while (true) { try { for (;;) {} } catch {} }")).toThrow(expect.objectContaining({ code: "ERR_SCRIPT_EXECUTION_INTERRUPTED" }));
    } finally {
      Atomics.store(flag, 0, 0);
    }
    expect(run("let k = 0; while (k < 5) k++; k")).toBe(5);
  });
});
