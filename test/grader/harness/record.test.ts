import { describe, expect, it } from "vitest";
import { checkValueProblem, newKey, openRecord, sealRecord, toJson } from "../../../grader/harness/record";

// The harness's records: sealed in the submission's process, verified in the grader's; a record the
// submission wrote or altered does not verify, and a malformed value fails only its own check.

const key = newKey();
const value = { kind: "numeric" as const, from: "array" as const, shape: [2], data: [1, "NaN" as const] };
const check = { type: "check" as const, nonce: "n1", test: "t", label: "w", value, modified: [] };

describe("harness records", () => {
  it("round-trip when sealed with the key", () => {
    expect(openRecord(key, sealRecord(key, check))).toEqual(check);
    const rng = { state: [1, 2, 3, 4] as [number, number, number, number], spareNormal: null };
    expect(openRecord(key, sealRecord(key, { type: "begin", nonce: "n1", test: "t", unrestored: ["Math"], rng }))).toEqual({ type: "begin", nonce: "n1", test: "t", unrestored: ["Math"], rng });
  });

  it("do not verify under another key, altered, or unsealed", () => {
    const sealed = sealRecord(key, check);
    expect(openRecord(newKey(), sealed)).toBeNull();
    expect(openRecord(key, sealed.replace('"w"', '"v"'))).toBeNull();
    expect(openRecord(key, "0".repeat(64) + JSON.stringify(check))).toBeNull();
    for (const junk of [null, 42, {}, [], "", "x".repeat(65)]) expect(openRecord(key, junk)).toBeNull();
  });

  it("keep a check whose value is malformed, marked with why, so only that check fails", () => {
    const bad = openRecord(key, sealRecord(key, { ...check, value: { kind: "numeric", from: "array", shape: [3], data: [1] } as never }));
    expect(bad).toMatchObject({ type: "check", label: "w", value: { kind: "unsupported" }, problem: "its shape does not match its numbers" });
  });

  it.each([
    [{ kind: "numeric", from: "array", shape: [2], data: [1, {}] }, "its numbers are malformed"],
    [{ kind: "numeric", from: "array", shape: [-1], data: [] }, "its shape is malformed"],
    [{ kind: "string", value: "x".repeat(10_001) }, "its text is malformed or too long"],
    [{ kind: "list", items: [{ kind: "boolean", value: 1 }] }, "it is not a boolean"],
    [{ kind: "mystery" }, "its kind is unknown"],
    [[1, 2], "it is not a check value"],
  ])("name what is wrong with a received value: %j", (v, problem) => {
    expect(checkValueProblem(v)).toBe(problem);
  });

  it("bound the work a nested or huge value costs", () => {
    let deep: unknown = { kind: "boolean", value: true };
    for (let i = 0; i < 30; i++) deep = { kind: "list", items: [deep] };
    expect(checkValueProblem(deep)).toBe("it is nested too deeply");
    expect(checkValueProblem({ kind: "numeric", from: "array", shape: [2_000_000], data: new Array(2_000_000).fill(0) })).toBe("its shape does not match its numbers");
  });

  it("are written as JSON with no toJSON a submission could add", () => {
    const proto = Object.prototype as { toJSON?: () => unknown };
    proto.toJSON = () => "forged";
    try {
      expect(JSON.parse(toJson({ a: [1, { b: "c" }], d: true, e: null, f: NaN }))).toEqual({ a: [1, { b: "c" }], d: true, e: null, f: null });
    } finally {
      delete proto.toJSON;
    }
  });
});
