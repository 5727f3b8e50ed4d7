import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Bundle } from "../bundle";
import type { DataFile } from "../runner/child-process";

// The bundle's data files on the grader's disk for one batch: a folder every user may read (the
// sandbox's unprivileged uid binds them), files read-only, removed when the batch ends.

/** The batch's copy of the data files, and how to remove it. */
export interface DataFolder {
  files: DataFile[];
  remove(): void;
}

/** Write the bundle's data files where runners can show them to their children. */
export function dataFolder(bundle: Bundle): DataFolder {
  if (bundle.files.length === 0) return { files: [], remove: () => {} };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gradlab-data-"));
  fs.chmodSync(dir, 0o755);
  const files = bundle.files.map((f) => {
    const source = path.join(dir, ...f.path.split("/"));
    fs.mkdirSync(path.dirname(source), { recursive: true, mode: 0o755 });
    fs.writeFileSync(source, Buffer.from(f.base64, "base64"), { mode: 0o444 });
    return { source, target: f.path };
  });
  return { files, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
