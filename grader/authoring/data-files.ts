import * as fs from "node:fs";
import * as path from "node:path";
import type { BundleFile } from "../bundle";
import { sha256 } from "../files";
import { AuthoringError } from "./directive";

// An assignment's data files (Otter's `files`): named with `assign --files PATH…` or in the source's
// metadata `gradlab.files`, relative to the source notebook's folder, where the notebook reads them.
// They go beside the release, into the bundle, and read-only beside each graded submission.

/** Largest total size of an assignment's data files (they travel inside the bundle). */
export const MAX_DATA_BYTES = 64 << 20;

function listed(metadata: Record<string, unknown>): string[] {
  const files = (metadata.gradlab as { files?: unknown } | undefined)?.files;
  if (files === undefined) return [];
  if (!Array.isArray(files) || !files.every((f) => typeof f === "string" && f !== "")) {
    throw new AuthoringError(`the source's metadata gradlab.files must be a list of paths relative to the notebook, like ["data.csv"]; got ${JSON.stringify(files)}.`);
  }
  return files;
}

function expand(full: string, shown: string): string[] {
  const stat = fs.statSync(full, { throwIfNoEntry: false });
  if (stat === undefined) throw new AuthoringError(`data file ${shown} does not exist.`);
  if (stat.isDirectory()) {
    return fs.readdirSync(full).filter((n) => !n.startsWith(".")).sort().flatMap((n) => expand(path.join(full, n), path.join(shown, n)));
  }
  if (!stat.isFile()) throw new AuthoringError(`data file ${shown} is not a regular file.`);
  return [full];
}

/** The data files of a source notebook: `fileArgs` (relative to the current folder) and its metadata's. */
export function dataFiles(sourceFile: string, fileArgs: readonly string[], metadata: Record<string, unknown>): BundleFile[] {
  const folder = path.dirname(path.resolve(sourceFile));
  const named = [...fileArgs.map((f) => path.resolve(f)), ...listed(metadata).map((f) => path.resolve(folder, f))];
  const files = new Map<string, string>();
  for (const full of named) {
    const rel = path.relative(folder, full);
    if (rel.startsWith("..") || path.isAbsolute(rel) || rel === "") {
      throw new AuthoringError(`data file ${full} is outside ${folder}: data files must be in the source notebook's folder (or below it), since they are put beside the notebook and read from there.`);
    }
    for (const file of expand(full, rel)) files.set(path.relative(folder, file).split(path.sep).join("/"), file);
  }
  let total = 0;
  return [...files.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([rel, file]) => {
    const bytes = fs.readFileSync(file);
    total += bytes.length;
    if (total > MAX_DATA_BYTES) throw new AuthoringError(`the data files add up to more than ${MAX_DATA_BYTES >> 20} MB; they travel inside the bundle, so keep them small (a sample of the data).`);
    return { path: rel, sha256: sha256(bytes), base64: bytes.toString("base64") };
  });
}
