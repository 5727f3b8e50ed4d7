import { describe, expect, it } from "vitest";
import { parseAssignment } from "../../../grader/authoring/parse";
import { makeAssignmentBundle } from "../../../grader/steps/build-bundle";
import { makeRelease } from "../../../grader/steps/build-release";
import { assignContext, source, tempDir } from "./helpers";

describe("step: build the bundle", () => {
  it("holds every test's code, position, points, tolerances and references, and the release's layout", () => {
    const ctx = assignContext(tempDir());
    ctx.assignment = parseAssignment(source(), ctx.sourceFile);
    makeRelease.run(ctx);
    makeAssignmentBundle.run(ctx);
    const b = ctx.bundle!;
    expect(b).toMatchObject({ format: "gradlab-bundle", version: 2, assignment: "hw" });
    expect(b.releaseSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(b.cells).toMatchObject([{ id: "a", type: "code", test: null }, { id: "t1", type: "code", test: "pub" }, { id: "t2", type: "code", test: "secret" }]);
    expect(b.tests[1]).toMatchObject({ id: "secret", points: 3, hidden: true, position: 2, cellId: "t2", code: 'check("x squared", x * x);', timeoutS: null });
    expect(b.tests[1].references[0].value).toEqual({ kind: "numeric", from: "number", shape: [], data: [4] });
  });
});
