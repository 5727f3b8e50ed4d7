import { workerMsg } from "./messages";

// The gradlab library inside the worker: its compiled entry (dist/src/index.js, the module the
// Node kernel loads) bundled into the worker, at the path the file image gives its declarations.

/** Where the library's entry is in the file image (its .d.ts sits beside it). */
export const libraryEntry = "/dist/src/index.js";

type Library = typeof import("../../src/index");

let library: Library | null = null;

/** The library module, loaded on first use (after the file image is mounted: it reads its WASM from there). */
export function loadLibrary(): Library {
  library ??= require("../../dist/src/index.js") as Library;
  return library;
}

/** Where a notebook host plugs the library's show()/progress()/clearOutput() output in. */
export function loadHooks(): typeof import("../../src/hooks") {
  loadLibrary();
  return require("../../dist/src/hooks.js") as typeof import("../../src/hooks");
}

const names = new Set(["gradlab", libraryEntry, libraryEntry.replace(/\.js$/, "")]);

/** `require` as cells see it: the library under its name or path; nothing else exists here. */
export function cellRequire(id: string): unknown {
  if (names.has(id)) return loadLibrary();
  throw Object.assign(new Error(workerMsg.onlyGradlab(id)), { code: "MODULE_NOT_FOUND" });
}
