// `node:module` inside the worker, for kernel/library-module.ts: its hook on Node's resolver is
// Node-only (the worker resolves `gradlab` in library.ts), so this class is never used.

/** Stands for Node's Module class. */
export default class Module {}
