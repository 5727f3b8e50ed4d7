import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { readSource } from "../../../grader/steps/read-source";
import { assignContext, tempDir } from "./helpers";

describe("step: read source", () => {
  it("reads the source notebook", async () => {
    const ctx = assignContext(tempDir());
    await readSource.run(ctx);
    expect(ctx.source?.cells).toHaveLength(3);
  });

  it("says when the source is not JSON", async () => {
    const ctx = assignContext(tempDir());
    fs.writeFileSync(ctx.sourceFile, "not json");
    expect(() => readSource.run(ctx)).toThrow(`${ctx.sourceFile} is not a notebook: it is not valid JSON`);
    expect(path.basename(ctx.sourceFile)).toBe("hw.ipynb");
  });
});
