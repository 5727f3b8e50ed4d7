import * as path from "node:path";

// What a sandboxed child may read, as one predicate: the child's permission-model guard and the
// parent's compiler ask the same question of the same list.

/** True when `p` is one of `allowed`'s files, or is (in) one of its folders (those end with a separator). */
export function isReadable(allowed: readonly string[], p: string): boolean {
  const full = path.resolve(p);
  return allowed.some((a) => (a.endsWith(path.sep) ? full === a.slice(0, -1) || full.startsWith(a) : full === a));
}

/** The read paths a child was started with (its --allow-fs-read flags). */
export function allowedReads(execArgv: readonly string[]): string[] {
  return execArgv.filter((f) => f.startsWith("--allow-fs-read=")).map((f) => f.slice("--allow-fs-read=".length));
}
