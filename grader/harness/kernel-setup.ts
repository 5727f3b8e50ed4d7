import { installHarness } from "./harness";

// The harness in a kernel on a Jupyter server (`gradlab grade --jupyter-url`), installed by the
// first cell the grader runs there, before any student cell. Records travel as display_data of a
// private mime type; test cells reach the hooks through a global that cannot be reassigned or
// redefined. Isolation on a server is the server's: this is the in-process layer only.

/** The global test cells call on a Jupyter kernel. */
export const HOOKS_GLOBAL = "__gradlab_harness__";

/** Install the harness in this kernel; `display` sends a sealed record to the grader. */
export function connect(key: string, libraryEntry: string, display: (sealed: string) => void): void {
  const library = require(libraryEntry) as Parameters<typeof installHarness>[0]["library"];
  const hooks = installHarness({ emit: display, key, library, libraryEntry, seed: 0 });
  Object.defineProperty(globalThis, HOOKS_GLOBAL, { value: Object.freeze({ ...hooks }), writable: false, configurable: false, enumerable: false });
}
