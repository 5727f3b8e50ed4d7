import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import { serializeBundle } from "../../../grader/bundle";
import { planSubmission } from "../../../grader/grading/plan";
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

describe("step: build the bundle over an earlier one", () => {
  it("keeps the hashes of the earlier release's test cells, so a submission made from it is not noted as edited", () => {
    const dir = tempDir();
    const first = assignContext(dir);
    first.assignment = parseAssignment(source(), first.sourceFile);
    makeRelease.run(first);
    makeAssignmentBundle.run(first);
    fs.writeFileSync(first.bundlePath, serializeBundle(first.bundle!));
    // The instructor fixes the hidden test's tolerance and assigns again.
    const fixed = source();
    fixed.cells[2].source = '// @test secret points=3 hidden rtol=1e-5\ncheck("x squared", x * x);';
    const second = assignContext(dir);
    second.assignment = parseAssignment(fixed, second.sourceFile);
    makeRelease.run(second);
    makeAssignmentBundle.run(second);
    const cell = second.bundle!.cells.find((c) => c.test === "secret")!;
    expect(cell.earlier).toEqual([first.bundle!.cells.find((c) => c.test === "secret")!.sha256]);
    expect(second.bundle!.cells.find((c) => c.test === "pub")!.earlier).toBeUndefined();
    expect(planSubmission(second.bundle!, first.release!).notes).toEqual([]);
    const edited = structuredClone(first.release!);
    edited.cells[1].source = '// @test pub points=2\ncheck("x", 2);';
    expect(planSubmission(second.bundle!, edited).notes).toEqual(["1 test cell was edited or added in the submission and ignored: tests always run as the assignment wrote them."]);
  });
});
