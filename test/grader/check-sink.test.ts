import { describe, expect, it } from "vitest";
import { check, setCheckSink, tensor } from "gradlab";

// check() with the grader's sink: values go to the sink (normalised, never compared here), the sink
// cannot be replaced, and what the value is read as does not depend on built-ins patched later.

describe("check() with a sink", () => {
  const got: unknown[] = [];
  setCheckSink((label, value, tol) => void got.push({ label, value, tol }));

  it("hands every call to the sink, normalised", () => {
    check("w", tensor([1, 2]), { rtol: 1e-3 });
    check("ok", true);
    expect(got.splice(0)).toEqual([
      { label: "w", value: { kind: "numeric", from: "tensor", shape: [2], data: [1, 2] }, tol: { rtol: 1e-3, atol: undefined } },
      { label: "ok", value: { kind: "boolean", value: true }, tol: { rtol: undefined, atol: undefined } },
    ]);
  });

  it("cannot be replaced once installed", () => {
    expect(() => setCheckSink(() => {})).toThrow("check(): the grader's sink is already installed and cannot be replaced");
    check("still", 1);
    expect(got.splice(0)).toHaveLength(1);
  });

  it("reads values with the built-ins it had when it loaded, not ones patched afterwards", () => {
    const saved = { isArray: Array.isArray, keys: Object.keys, sort: Array.prototype.sort };
    try {
      Array.isArray = ((_: unknown) => false) as typeof Array.isArray;
      Object.keys = () => ["forged"];
      Array.prototype.sort = function () { return ["forged"] as never; };
      check("nested", [[1, 2], [3, 4]]);
      check("object", { b: 2, a: 1 });
    } finally {
      Object.assign(Array, { isArray: saved.isArray });
      Object.assign(Object, { keys: saved.keys });
      Array.prototype.sort = saved.sort;
    }
    expect(got.splice(0).map((g) => (g as { value: unknown }).value)).toEqual([
      { kind: "numeric", from: "array", shape: [2, 2], data: [1, 2, 3, 4] },
      { kind: "object", fields: { a: { kind: "numeric", from: "number", shape: [], data: [1] }, b: { kind: "numeric", from: "number", shape: [], data: [2] } } },
    ]);
  });
});
