import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { collectFiles } from "../../../grader/steps/collect-files";
import type { GradeContext } from "../../../grader/steps/grade-context";
import { tempDir } from "./helpers";

const ctx = (submissionArgs: string[], gradescope = false) => ({ submissionArgs, gradescope } as GradeContext);

describe("step: collect submissions", () => {
  const dir = tempDir();
  for (const f of ["b.ipynb", "a.ipynb", "notes.txt", "sub/c.ipynb", ".ipynb_checkpoints/a-checkpoint.ipynb"]) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), "{}");
  }

  it("takes a folder's notebooks recursively, sorted, skipping checkpoints", () => {
    const c = ctx([dir]);
    collectFiles.run(c);
    expect(c.files!.map((f) => path.relative(dir, f))).toEqual(["a.ipynb", "b.ipynb", "sub/c.ipynb"]);
  });

  it("takes a named file whatever its extension", () => {
    const c = ctx([path.join(dir, "notes.txt")]);
    collectFiles.run(c);
    expect(c.files).toEqual([path.join(dir, "notes.txt")]);
  });

  it("refuses a missing path and several files for Gradescope", () => {
    expect(() => collectFiles.run(ctx([path.join(dir, "nope")]))).toThrow("does not exist; pass notebook files or folders of them.");
    expect(() => collectFiles.run(ctx([dir], true))).toThrow("--format gradescope grades one submission, got 3.");
  });
});
