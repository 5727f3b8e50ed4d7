import { cellRequire } from "./library";
import { workerMsg } from "./messages";

// `node:module` for tslab's executor inside the worker: the `require` cells get resolves only the
// library; tslab's loader for local .ts files has nothing to load (the worker has no notebook folder).

/** Stands for Node's Module class; constructing one means loading a local file, which cannot happen here. */
export default class Module {
  constructor(filename: string) {
    throw new Error(workerMsg.noLocalModules(filename));
  }

  static createRequire(): (id: string) => unknown {
    return cellRequire;
  }

  static _nodeModulePaths(): string[] {
    return [];
  }
}

export const createRequire = Module.createRequire;
