import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { collectFiles } from "../../../grader/steps/collect-files";
import type { GradeContext } from "../../../grader/steps/grade-context";
import { tempDir } from "./helpers";

const ctx = (submissionArgs: string[], gradescope = false) => ({ submissionArgs, gradescope } as GradeContext);
const collect = (args: string[]) => {
  const c = ctx(args);
  collectFiles.run(c);
  return c.files!;
};

describe("step: collect submissions", () => {
  const dir = tempDir();
  for (const f of ["b.ipynb", "a.ipynb", "notes.txt", "sub/c.ipynb", ".ipynb_checkpoints/a-checkpoint.ipynb", "elsewhere/x.ipynb"]) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), "{}");
  }

  it("takes a folder's notebooks recursively, sorted, skipping checkpoints, named by their path in it", () => {
    expect(collect([path.join(dir, "sub"), dir]).map((s) => s.id)).toEqual(["sub/c.ipynb", "a.ipynb", "b.ipynb", "elsewhere/x.ipynb"]);
    expect(collect([dir])[0]).toEqual({ file: path.join(dir, "a.ipynb"), id: "a.ipynb" });
  });

  it("takes a named file whatever its extension", () => {
    expect(collect([path.join(dir, "notes.txt")])).toEqual([{ file: path.join(dir, "notes.txt"), id: "notes.txt" }]);
  });

  it("keeps links, FIFOs and folders named *.ipynb as submissions (they fail as not regular files) and follows no other link", () => {
    const odd = tempDir();
    fs.symlinkSync(path.join(dir, "a.ipynb"), path.join(odd, "link.ipynb"));
    fs.symlinkSync(path.join(odd, "gone"), path.join(odd, "dangling.ipynb"));
    fs.mkdirSync(path.join(odd, "folder.ipynb"));
    execFileSync("mkfifo", [path.join(odd, "fifo.ipynb")]);
    fs.symlinkSync(dir, path.join(odd, "linked-folder"));
    expect(collect([odd]).map((s) => s.id)).toEqual(["dangling.ipynb", "fifo.ipynb", "folder.ipynb", "link.ipynb"]);
  });

  it("names submissions that would collide by their path from the arguments' common folder", () => {
    const root = tempDir();
    for (const who of ["alice", "bob"]) {
      fs.mkdirSync(path.join(root, who));
      fs.writeFileSync(path.join(root, who, "hw.ipynb"), "{}");
    }
    expect(collect([path.join(root, "alice"), path.join(root, "bob")]).map((s) => s.id)).toEqual(["alice/hw.ipynb", "bob/hw.ipynb"]);
    expect(collect([root]).map((s) => s.id)).toEqual(["alice/hw.ipynb", "bob/hw.ipynb"]);
  });

  it("refuses a missing path and several files for Gradescope", () => {
    expect(() => collectFiles.run(ctx([path.join(dir, "nope")]))).toThrow("does not exist; pass notebook files or folders of them.");
    expect(() => collectFiles.run(ctx([dir], true))).toThrow("--format gradescope grades one submission, got 4.");
  });
});
