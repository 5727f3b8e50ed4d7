import { afterEach, describe, expect, it, vi } from "vitest";
import { beginCheckCell, check, setReferenceSource, tensor } from "gradlab";
import { compareValues, defaultTolerance } from "../../src/check/compare";
import { toCheckValue } from "../../src/check/values";

// check()'s comparison rules and the line it prints in a student's kernel.

const cmp = (expected: unknown, got: unknown, tol = defaultTolerance) => compareValues(toCheckValue(expected), toCheckValue(got), tol);

describe("compareValues", () => {
  it.each([
    ["equal numbers", 1.5, 1.5, true],
    ["within rtol 1e-6", 1, 1 + 5e-7, true],
    ["outside rtol 1e-6", 1, 1 + 5e-6, false],
    ["within atol near zero", 0, 5e-10, true],
    ["outside atol near zero", 0, 5e-9, false],
    ["NaN against NaN", NaN, NaN, false],
    ["NaN against a number", 1, NaN, false],
    ["equal infinities", Infinity, Infinity, true],
    ["booleans exactly", true, true, true],
    ["booleans differ", true, false, false],
    ["a number is not a boolean", 1, true, false],
    ["nested arrays", [[1, 2], [3, 4]], [[1, 2], [3, 4]], true],
    ["an array against a tensor of the same shape", [1, 2], tensor([1, 2]), true],
    ["plain objects field by field", { w: [1, 2], b: 0.5 }, { b: 0.5, w: [1, 2] }, true],
    ["an object with a wrong field", { w: [1, 2], b: 0.5 }, { w: [1, 2], b: 0.6 }, false],
    ["lists of tensors", [tensor([1]), tensor([2, 3])], [tensor([1]), tensor([2, 3])], true],
  ])("%s", (_, expected, got, passed) => {
    expect(cmp(expected, got).passed).toBe(passed);
  });

  it("requires the exact shape, naming both", () => {
    const c = cmp(tensor([[1, 2]]), tensor([1, 2]));
    expect(c.passed).toBe(false);
    expect(c.reason).toBe("shape [2] does not match the expected shape [1, 2]");
  });

  it("reports the largest absolute and relative errors", () => {
    const c = cmp([1, 2, 4], [1, 2.5, 4.2]);
    expect(c).toMatchObject({ passed: false, maxAbsError: 0.5, maxRelError: 0.25, shape: [3] });
  });

  it.each([
    ["a wrong number", 1, 2, "not-close"],
    ["a NaN", 1, NaN, "nan"],
    ["a wrong shape", [1, 2], [1, 2, 3], "shape"],
    ["a wrong kind", 1, true, "kind"],
    ["a wrong boolean", true, false, "not-equal"],
    ["a list of another length", [[1], [2, 3]], [[1], [2, 3], [4]], "length"],
    ["other keys", { a: 1 }, { b: 1 }, "keys"],
    ["an unsupported value", 1, new Map(), "unsupported"],
    ["a match", [1, 2], [1, 2], "ok"],
  ])("gives %s the code decisions are made on", (_, expected, got, code) => {
    expect(cmp(expected, got).code).toBe(code);
  });

  it("honours per-call tolerances", () => {
    expect(cmp(1, 1.001, { rtol: 1e-2, atol: 0 }).passed).toBe(true);
  });

  it("fails values it cannot compare, with what they were", () => {
    expect(cmp(1, undefined).reason).toBe("cannot check undefined; pass a number, boolean, string, array, tensor, or a plain object of those");
    expect(cmp(1, new Map()).reason).toMatch(/cannot check a Map/);
  });
});

describe("check() in a student's kernel", () => {
  const lines: string[] = [];
  vi.spyOn(console, "log").mockImplementation((line: string) => void lines.push(line));
  afterEach(() => void lines.splice(0));
  const refs = [
    { label: "grad", value: toCheckValue([0.5, 1]), rtol: 1e-6, atol: 1e-9 },
    { label: "decreased", value: toCheckValue(true), rtol: 1e-6, atol: 1e-9 },
  ];
  const asked: string[] = [];
  setReferenceSource((test) => (asked.push(test), test === "t" ? { references: refs } : { problem: "no such test here" }));

  it("compares inside a test cell with the references its source finds, printing ✓ or ✗ with expected, got and errors", () => {
    beginCheckCell("// @test t points=2\ncheck(...)");
    check("grad", tensor([0.5, 1]));
    check("decreased", false);
    beginCheckCell("// @test t points=2");
    check("grad", [0.5, 1.5]);
    expect(asked.at(-1)).toBe("t");
    expect(lines).toEqual([
      "✓ grad",
      "✗ decreased: expected true, got false",
      "✗ grad: values differ by more than the tolerance (rtol 0.000001, atol 1e-9); expected [0.5, 1] (an array of shape [2]), got [0.5, 1.5] (an array of shape [2]); max abs err 5.0e-1, max rel err 5.0e-1",
    ]);
  });

  it("counts a label's calls per cell run, so re-running a test cell checks against the same references", () => {
    beginCheckCell("// @test t");
    check("grad", [0.5, 1]);
    beginCheckCell("// @test t");
    check("grad", [0.5, 1]);
    check("grad", [0.5, 1]);
    expect(lines).toEqual(["✓ grad", "✓ grad", '? grad #2: no reference was recorded for this label (this test records: "grad", "decreased")']);
  });

  it("says when a label has no reference, when the source has no references, and outside a test cell, instead of passing", () => {
    beginCheckCell("// @test t");
    check("gard", 1);
    beginCheckCell("// @test other");
    check("grad", 1);
    beginCheckCell("const x = 1;");
    check("grad", 1);
    expect(lines[0]).toMatch(/^\? gard: no reference was recorded for this label \(this test records: "grad", "decreased"\)/);
    expect(lines[1]).toBe("? grad: not checked — test other: no such test here");
    expect(lines[2]).toMatch(/^\? grad: not checked — check\(\) compares only inside a test cell/);
  });

  it("rejects a bad label or tolerance with the value", () => {
    expect(() => check("", 1)).toThrow('check: the label must be a non-empty string, got ""');
    expect(() => check("x", 1, { rtol: -1 })).toThrow("check: rtol must be a non-negative finite number, got -1");
  });
});
