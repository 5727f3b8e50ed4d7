import * as fs from "node:fs";
import * as path from "node:path";
import type { BundleFile } from "../bundle";
import type { DataFile } from "../runner/child-process";
import { makeTempDir } from "../runner/temp-dirs";

// An assignment's data files on the grader's disk: a folder every user may read (the sandbox's
// unprivileged uid binds them), files read-only, removed when the batch (or assign's run) ends.

/** The batch's copy of the data files, and how to remove it. */
export interface DataFolder {
  files: DataFile[];
  remove(): void;
}

/** A new temp folder holding exactly these files, read-only, and how to remove it. */
export function filesFolder(files: readonly BundleFile[]): { dir: string; remove(): void } {
  const dir = makeTempDir("data");
  fs.chmodSync(dir, 0o755);
  for (const f of files) {
    const at = path.join(dir, ...f.path.split("/"));
    fs.mkdirSync(path.dirname(at), { recursive: true, mode: 0o755 });
    fs.writeFileSync(at, Buffer.from(f.base64, "base64"), { mode: 0o444 });
  }
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Write the bundle's data files where runners can show them to their children. */
export function dataFolder(files: readonly BundleFile[]): DataFolder {
  if (files.length === 0) return { files: [], remove: () => {} };
  const { dir, remove } = filesFolder(files);
  return { files: files.map((f) => ({ source: path.join(dir, ...f.path.split("/")), target: f.path })), remove };
}
