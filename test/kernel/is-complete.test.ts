import { describe, expect, it } from "vitest";
import { bracketsComplete } from "../../kernel/is-complete";

// The is_complete answer the kernel gives while TypeScript's parser is still loading.

describe("is_complete from brackets", () => {
  it.each([
    ["function f(x: number) {", "  "],
    ["const xs = [1,", ""],
    ["const s = `a ${", ""],
    ["/* a comment", ""],
    ["if (a) {\n  foo(", "    "],
  ])("waits for more lines after %j", (code, indent) => {
    expect(bracketsComplete(code)).toEqual({ status: "incomplete", indent: indent === "" ? expect.any(String) : indent });
  });

  it.each([
    ["1 + 1"],
    ["function f() {\n  return '{';\n}"],
    ["const t = `${a} }`;"],
    ["// an open ( in a comment"],
    ["const re = \"[\";"],
    ["function f() {\n\n\n"],
  ])("runs %j", (code) => {
    expect(bracketsComplete(code)).toEqual({ status: "complete" });
  });
});
