import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { CellConversion } from "../../kernel/cells/types";
import { cellCompilerOptions } from "../../kernel/compiler-options";
import { cacheDir, nodeTypeRoots, packageRoot } from "../../kernel/paths";
import { typescriptVersion } from "../../kernel/tslab";

// The prelude's conversion, kept between batches: converting it costs the first compiler of every
// batch ~0.7 s of CPU before any child can start, and it is a function of the library's files (its
// export names and declarations), the compiler's own files, TypeScript's version and the compiler
// options only — all of which make the key. It lives in the package's `cacheDir`, beside the V8 code
// cache, which no sandboxed child can write (bubblewrap binds it read-only, the permission model
// lets a child write only its scratch folder).

/** The default folder of the cache. */
export const preludeCacheDir = cacheDir;

// Every file under `dir` whose name ends with one of `ends`, sorted.
function filesUnder(dir: string, ends: string[]): string[] {
  if (!fs.existsSync(dir)) return [];
  const found = fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => ends.some((e) => f.endsWith(e)));
  return found.sort().map((f) => path.join(dir, f));
}

function cacheFile(folder: string, libraryEntry: string): string {
  const hash = createHash("sha256").update(JSON.stringify([typescriptVersion(), libraryEntry, cellCompilerOptions(libraryEntry, nodeTypeRoots())]));
  const files = [...filesUnder(path.dirname(libraryEntry), [".js", ".d.ts"]), ...filesUnder(path.join(packageRoot, "dist", "kernel"), [".js"])];
  for (const file of files) hash.update(`\0${file}\0`).update(fs.readFileSync(file));
  return path.join(folder, `prelude-${hash.digest("hex").slice(0, 16)}.json`);
}

// A conversion that can be used as the prelude's: no diagnostics, declarations and a program.
function isPrelude(value: unknown): value is CellConversion {
  const c = value as Partial<CellConversion> | null;
  return typeof c === "object" && c !== null && Array.isArray(c.diagnostics) && c.diagnostics.length === 0
    && typeof c.declarations === "string" && typeof c.program === "object" && c.program !== null && typeof c.program.js === "string";
}

/** The kept conversion of the prelude of `libraryEntry`, or null (none, stale, unreadable). */
export function readPrelude(folder: string, libraryEntry: string): CellConversion | null {
  try {
    const kept: unknown = JSON.parse(fs.readFileSync(cacheFile(folder, libraryEntry), "utf8"));
    return isPrelude(kept) ? kept : null;
  } catch {
    return null;
  }
}

/** Keep `prelude` for later batches; a folder that cannot be written (a read-only install) keeps nothing. */
export function keepPrelude(folder: string, libraryEntry: string, prelude: CellConversion): void {
  if (!isPrelude(prelude)) return;
  try {
    const file = cacheFile(folder, libraryEntry);
    fs.mkdirSync(folder, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(prelude));
    fs.renameSync(tmp, file);
  } catch {
    // Graded without it next time, as now.
  }
}
