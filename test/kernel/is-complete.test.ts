import { describe, expect, it, vi } from "vitest";
import { answerIsComplete, bracketsComplete } from "../../kernel/is-complete";

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

// jupyter console waits for is_complete inside its Enter key handler, where a key typed meanwhile
// breaks prompt_toolkit ("cannot enter context"): open code must not wait for the compiler thread.
describe("is_complete with the compiler thread", () => {
  it("answers open code from the brackets without asking the compiler", async () => {
    const compiler = vi.fn(() => new Promise<never>(() => {}));
    expect(await answerIsComplete("function twice(x: number): number {", compiler)).toEqual({ status: "incomplete", indent: "  " });
    expect(compiler).not.toHaveBeenCalled();
  });

  it("asks the compiler about balanced code", async () => {
    const compiler = vi.fn(async () => ({ status: "incomplete" as const, indent: "" }));
    expect(await answerIsComplete("const x = 1 +", compiler)).toEqual({ status: "incomplete", indent: "" });
    expect(compiler).toHaveBeenCalledWith("const x = 1 +");
  });
});
