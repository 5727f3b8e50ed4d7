import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveBundle } from "../../../grader/steps/resolve-bundle";
import type { GradeContext } from "../../../grader/steps/grade-context";

const golden = path.join(__dirname, "..", "..", "fixtures", "grader", "golden", "gradients.bundle.json");

describe("step: resolve the assignment", () => {
  it("reads a bundle file and hashes it", async () => {
    const ctx = { assignmentArg: golden, log: () => {} } as unknown as GradeContext;
    await resolveBundle.run(ctx);
    expect(ctx.bundle?.assignment).toBe("gradients");
    expect(ctx.bundleSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("says where it looked for an unknown name", async () => {
    const ctx = { assignmentArg: "no-such-assignment", log: () => {} } as unknown as GradeContext;
    await expect(resolveBundle.run(ctx)).rejects.toThrow("(looked for solutions/no-such-assignment.ipynb)");
  });
});
