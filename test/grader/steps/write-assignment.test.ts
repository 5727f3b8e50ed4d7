import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parseAssignment } from "../../../grader/authoring/parse";
import { makeAssignmentBundle } from "../../../grader/steps/build-bundle";
import { makeRelease } from "../../../grader/steps/build-release";
import { writeAssignment } from "../../../grader/steps/write-assignment";
import { assignContext, source, tempDir } from "./helpers";

describe("step: write release and bundle", () => {
  it("writes both files and leaves no temporary file", () => {
    const dir = tempDir();
    const ctx = assignContext(dir);
    ctx.assignment = parseAssignment(source(), ctx.sourceFile);
    makeRelease.run(ctx);
    makeAssignmentBundle.run(ctx);
    writeAssignment.run(ctx);
    expect(ctx.written).toEqual([path.join(dir, "release", "hw.ipynb"), path.join(dir, "hw.json")]);
    expect(JSON.parse(fs.readFileSync(ctx.bundlePath, "utf8")).assignment).toBe("hw");
    expect(fs.readdirSync(path.join(dir, "release"))).toEqual(["hw.ipynb"]);
  });
});
