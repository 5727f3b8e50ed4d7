import { existsSync, readFileSync } from "node:fs";
import Module from "node:module";

// The library reaches cells two ways: a prelude of imports by absolute path (so names work with no
// import, whatever the notebook's folder), and `import … from "gradlab"`, which Node would only
// resolve inside this repository. Both must load the same module instance, or `instanceof` fails.

const identifier = /^[A-Za-z_$][\w$]*$/;

/**
 * TypeScript source run before the first cell: imports every value the library exports (read from
 * the loaded module) and every type-only export listed in its entry .d.ts (`type X` in export lists).
 * The browser kernel passes the module it bundled; Node loads it from `libraryEntry`.
 */
export function preludeSource(libraryEntry: string, library: object = require(libraryEntry) as object): string {
  const values = Object.keys(library).filter(
    (name) => identifier.test(name) && name !== "default" && name !== "__esModule",
  );
  const types = typeOnlyExports(libraryEntry.replace(/\.js$/, ".d.ts")).filter((name) => !values.includes(name));
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
