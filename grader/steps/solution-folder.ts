import * as fs from "node:fs";
import * as path from "node:path";
import type { BundleFile } from "../bundle";
import { filesFolder } from "../grading/data-files";
import { authorMsg } from "../messages";

// assign runs the solution and the blank release in a folder holding only the assignment's data
// files, as grading runs each submission: a file the notebook reads but does not declare fails
// here, naming the fix, instead of giving every student zero at grading.

/** Runs `fn` in a temp folder holding exactly `files` (read-only), removed afterwards. */
export async function inDataFolder<T>(files: readonly BundleFile[], fn: (cwd: string) => Promise<T>): Promise<T> {
  const folder = filesFolder(files);
  try {
    return await fn(folder.dir);
  } finally {
    folder.remove();
  }
}

// Node's text for a missing file: "ENOENT: no such file or directory, open 'data.csv'".
const MISSING = /ENOENT: no such file or directory, \w+ '([^']+)'/;

/** The advice for an error that names a file beside the source that is not a data file ("" otherwise). */
export function undeclaredFileHint(error: { evalue: string } | null | undefined, sourceFile: string, cwd: string): string {
  const missing = error ? MISSING.exec(error.evalue)?.[1] : undefined;
  if (missing === undefined) return "";
  const rel = path.isAbsolute(missing) ? path.relative(cwd, missing) : missing;
  const beside = path.resolve(path.dirname(path.resolve(sourceFile)), rel);
  if (rel.startsWith("..") || !fs.existsSync(beside)) return "";
  return ` ${authorMsg.undeclaredFile(rel.split(path.sep).join("/"), path.relative(process.cwd(), beside))}`;
}
