import { describe, expect, it } from "vitest";
import { parseAssignment } from "../../../grader/authoring/parse";
import { makeRelease } from "../../../grader/steps/build-release";
import { assignContext, source, tempDir } from "./helpers";

describe("step: build the release", () => {
  it("stubs solutions, keeps public tests as written with their references in metadata, locks hidden ones, clears outputs", () => {
    const ctx = assignContext(tempDir());
    ctx.assignment = parseAssignment(source(), ctx.sourceFile);
    makeRelease.run(ctx);
    const [a, pub, secret] = ctx.release!.cells.map((c) => ({ ...c, text: (c.source as string[]).join("") }));
    expect(a.text).toBe('const x = (() => {\n  // YOUR CODE HERE\n  throw new Error("Not implemented");\n})();');
    expect(pub.text).toBe('// @test pub points=2\ncheck("x", x);');
    expect(pub.metadata).toEqual({ editable: false, deletable: false, gradlab: { test: "pub", points: 2, hidden: false, references: [{ label: "x", value: { kind: "numeric", from: "number", shape: [], data: [2] }, rtol: 1e-6, atol: 1e-9 }] } });
    expect(secret.text).toBe('// @test secret points=3 hidden\n// Hidden test "secret" (3 points): it runs when your notebook is graded. Keep this cell.');
    expect(secret.metadata).toEqual({ editable: false, deletable: false, gradlab: { test: "secret", points: 3, hidden: true } });
    expect(ctx.release!.cells.map((c) => [c.id, c.execution_count, c.outputs])).toEqual([["a", null, []], ["t1", null, []], ["t2", null, []]]);
    expect(ctx.releasePath).toMatch(/release\/hw\.ipynb$/);
  });
});
