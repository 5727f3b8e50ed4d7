import Module from "node:module";
import * as path from "node:path";
import { gradeMsg } from "../messages";
import { allowedReads, isReadable } from "../runner/sandbox/reads";

// Gaps of Node 20's permission model, closed in the child before any cell runs: fs.opendir is not
// checked at all; with some sets of allowed folders it also lets anyone list "/" (its path tree
// marks the root readable: `--allow-fs-read=/a/b/ --allow-fs-read=/c/ --allow-fs-read=/e/` lists /);
// and module resolution looks at any path (require.resolve tells whether a file exists and reads any
// package.json on the way). Listing and resolving are checked here against the child's own
// --allow-fs-read list. Inside bubblewrap such paths are not even there; with --sandbox node this
// is what stops them.

type Resolve = (request: string, ...rest: unknown[]) => string;

function denied(target: string): Error {
  return Object.assign(new Error(gradeMsg.accessDenied(target)), { code: "ERR_ACCESS_DENIED" });
}

/** Guard listing folders and module resolution with the child's --allow-fs-read list; no-op without the permission model. */
export function closePermissionGaps(): void {
  if ((process as { permission?: unknown }).permission === undefined) return;
  const allowed = allowedReads(process.execArgv);
  const readable = (p: unknown) => isReadable(allowed, path.resolve(p instanceof URL ? p.pathname : String(p)));
  const guard = <F extends (p: never, ...rest: never[]) => unknown>(original: F): F =>
    function (this: unknown, p: unknown, ...rest: unknown[]) {
      if (!readable(p)) throw denied(String(p));
      return Reflect.apply(original, this, [p, ...rest]);
    } as unknown as F;
  // The module objects cells get from require(), not import wrappers of them.
  const fs = require("node:fs") as { -readonly [K in keyof typeof import("node:fs")]: (typeof import("node:fs"))[K] };
  fs.opendir = guard(fs.opendir);
  fs.opendirSync = guard(fs.opendirSync);
  fs.readdir = guard(fs.readdir);
  fs.readdirSync = guard(fs.readdirSync);
  fs.promises.opendir = guard(fs.promises.opendir);
  fs.promises.readdir = guard(fs.promises.readdir);
  const internals = Module as unknown as { _resolveFilename: Resolve; isBuiltin(id: string): boolean };
  const resolve = internals._resolveFilename;
  internals._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]): string {
    let found: string;
    try {
      found = resolve.call(this, request, ...rest);
    } catch {
      throw Object.assign(new Error(gradeMsg.moduleNotFound(request)), { code: "MODULE_NOT_FOUND" });
    }
    if (internals.isBuiltin(found) || readable(found)) return found;
    throw Object.assign(new Error(gradeMsg.moduleNotFound(request)), { code: "MODULE_NOT_FOUND" });
  };
}
