import { existsSync, readFileSync } from "node:fs";
import Module from "node:module";
import * as path from "node:path";

// The library reaches cells two ways: a prelude of imports by absolute path (so names work with no
// import, whatever the notebook's folder), and `import … from "gradlab"`, which Node would only
// resolve inside this repository. Both must load the same module instance, or `instanceof` fails.

const identifier = /^[A-Za-z_$][\w$]*$/;

/** Loads one of the library's compiled modules by file, or null when there is none (Node: require). */
export type LibraryLoader = (file: string) => object | null;

const requireIfPresent: LibraryLoader = (file) => (existsSync(file) ? (require(file) as object) : null);

const exportedValues = (module: object | null): string[] =>
  module === null ? [] : Object.keys(module).filter((name) => identifier.test(name) && name !== "default" && name !== "__esModule");

/**
 * TypeScript source run before the first cell: imports every value the library exports (read from
 * the loaded module) and every type-only export listed in its entry .d.ts (`type X` in export lists),
 * except what its hooks module (`hooks.js` beside the entry: display and grading plumbing) exports.
 * The browser kernel's worker passes a loader over the modules it bundled.
 */
export function preludeSource(libraryEntry: string, load: LibraryLoader = requireIfPresent): string {
  const hooksEntry = path.join(path.dirname(libraryEntry), "hooks.js");
  const plumbing = new Set([...exportedValues(load(hooksEntry)), ...typeOnlyExports(hooksEntry.replace(/\.js$/, ".d.ts"))]);
  const values = exportedValues(load(libraryEntry)).filter((name) => !plumbing.has(name));
  const types = typeOnlyExports(libraryEntry.replace(/\.js$/, ".d.ts")).filter((name) => !values.includes(name) && !plumbing.has(name));
  const names = [...values, ...types.map((name) => `type ${name}`)];
  const from = JSON.stringify(libraryEntry.replace(/\.js$/, ""));
  const named = names.length > 0 ? `import { ${names.join(", ")} } from ${from};\n` : "";
  return `import * as gradlab from ${from};\n${named}`;
}

function typeOnlyExports(declarations: string): string[] {
  if (!existsSync(declarations)) return [];
  const found = new Set<string>();
  for (const [, typeOnly, list] of readFileSync(declarations, "utf8").matchAll(/export (type )?\{([^}]*)\}/g)) {
    for (const item of list!.split(",").map((s) => s.trim())) {
      const match = /^(type\s+)?([A-Za-z_$][\w$]*)$/.exec(item);
      if (match && (typeOnly || match[1])) found.add(match[2]!);
    }
  }
  return [...found];
}

type Resolve = (request: string, ...rest: unknown[]) => string;

let hooked: string | null = null;

/** Make `require("gradlab")` (what a cell's `import … from "gradlab"` becomes) load `libraryEntry`. */
export function resolveGradlabTo(libraryEntry: string): void {
  if (hooked !== null) {
    hooked = libraryEntry;
    return;
  }
  hooked = libraryEntry;
  const internals = Module as unknown as { _resolveFilename: Resolve };
  const original = internals._resolveFilename;
  internals._resolveFilename = function (request: string, ...rest: unknown[]): string {
    if (request === "gradlab" && hooked !== null) return hooked;
    return original.call(this, request, ...rest);
  };
}
