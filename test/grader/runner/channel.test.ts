import { describe, expect, it } from "vitest";
import { frame, FrameReader } from "../../../grader/runner/channel";
import { capText, fromChild } from "../../../grader/runner/validate";

// The runner's channel and what the grading process accepts from a child: frames in any chunking,
// a frame over the limit refused before it is buffered, every message checked, every text capped.

describe("the runner's channel", () => {
  it("reassembles frames split and joined at any byte", () => {
    const bytes = Buffer.concat([frame({ a: 1 }), frame("é"), frame([1, 2, 3])]);
    for (const step of [1, 3, 7, bytes.length]) {
      const got: unknown[] = [];
      const reader = new FrameReader(1000, (t) => got.push(JSON.parse(t)), () => got.push("too large"));
      for (let i = 0; i < bytes.length; i += step) reader.push(bytes.subarray(i, i + step));
      expect(got).toEqual([{ a: 1 }, "é", [1, 2, 3]]);
    }
  });

  it("refuses a frame announced over the limit, without waiting for it, and reads nothing after", () => {
    const got: unknown[] = [];
    const reader = new FrameReader(10, (t) => got.push(t), (n) => got.push(`too large: ${n}`));
    const head = Buffer.alloc(4);
    head.writeUInt32BE(2 ** 31, 0);
    reader.push(head);
    reader.push(frame(1));
    expect(got).toEqual(["too large: 2147483648"]);
  });
});

describe("messages from a child", () => {
  it("are violations when they are not the protocol's", () => {
    for (const bad of [null, 42, [], {}, { type: "result" }, { type: "result", id: 1, status: "weird" }, { type: "started" }, { type: "ready", decl: 3 }]) {
      expect(fromChild(bad, 1000)).toHaveProperty("violation");
    }
  });

  it("keep a result whose error message is an object or huge, as a capped text", () => {
    const r = fromChild({ type: "result", id: 1, status: "error", executionCount: 1, ms: 1, outputs: [], messages: [], error: { ename: "E".repeat(500), evalue: { nested: 1 }, traceback: ["x".repeat(5000)] } }, 1000);
    expect(r).toMatchObject({ type: "result", error: { evalue: "[object instead of a text]" } });
    const { error } = r as { error: { ename: string; traceback: string[] } };
    expect(error.ename.length).toBeLessThan(200);
    expect(error.traceback[0]!.length).toBeLessThan(1100);
    expect(capText("x".repeat(10), 4)).toBe("xxxx… [6 more characters dropped]");
  });

  it("drop malformed outputs, and outputs beyond the budget with a note", () => {
    const r = fromChild({
      type: "result", id: 1, status: "ok", executionCount: 1, ms: 1, messages: [],
      outputs: [{ output_type: "stream", name: "stdout", text: "a" }, { output_type: "bogus" }, { output_type: "stream", name: "stdout", text: "b".repeat(5000) }],
      pending: ["Timeout", "not a resource name!"],
    }, 1000) as { outputs: { text?: string }[]; pending: string[] };
    expect(r.outputs.map((o) => o.text)).toEqual(["a", expect.stringMatching(/^\n\[gradlab: \d+ characters of output beyond the limit were dropped\]\n$/)]);
    expect(r.pending).toEqual(["Timeout"]);
  });
});
