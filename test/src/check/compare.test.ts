// check()'s comparison of float32 values: the float32 tolerance applies when either side is float32.
import { describe, expect, it } from "vitest";
import { tensor } from "gradlab";
import { compareValues, defaultTolerance, float32Tolerance } from "../../../src/check/compare";
import { toCheckValue } from "../../../src/check/values";

describe("comparing float32 values", () => {
  const reference = toCheckValue(tensor([0.1, 1000.5, 3]));
  const asFloat32 = toCheckValue(tensor([0.1, 1000.5, 3], { dtype: "float32" }));

  it("marks float32 tensors and arrays, and only them", () => {
    expect(asFloat32).toMatchObject({ kind: "numeric", dtype: "float32" });
    expect(toCheckValue(new Float32Array([1]))).toMatchObject({ dtype: "float32" });
    expect(reference).not.toHaveProperty("dtype");
  });

  it("passes a student's float32 result against a float64 reference with torch.testing's float32 tolerance", () => {
    // A float32 sum that should cancel to 0 leaves ~1e-7: far beyond the float64 default's atol 1e-9.
    const zeroRef = toCheckValue(tensor([0, 1, 3])), residue = [2e-7, 1, 3];
    expect(compareValues(zeroRef, toCheckValue(tensor(residue)), defaultTolerance).passed).toBe(false);
    expect(compareValues(zeroRef, toCheckValue(tensor(residue, { dtype: "float32" })), defaultTolerance).passed).toBe(true);
    expect(compareValues(toCheckValue(tensor([0, 1, 3], { dtype: "float32" })), toCheckValue(tensor(residue)), defaultTolerance).passed).toBe(true);
    expect(compareValues(reference, asFloat32, defaultTolerance).passed).toBe(true);
  });

  it("still fails a wrong float32 value, and keeps a test's looser tolerance", () => {
    const wrong = toCheckValue(tensor([0.1, 1000.6, 3], { dtype: "float32" }));
    const c = compareValues(reference, wrong, defaultTolerance);
    expect(c.passed).toBe(false);
    expect(c.reason).toContain(String(float32Tolerance.rtol));
    expect(compareValues(reference, wrong, { rtol: 1e-3, atol: 0 }).passed).toBe(true);
  });
});
