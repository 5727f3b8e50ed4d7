import type * as ts from "@tslab/typescript-for-tslab";

// The worker's TypeScript: the one module tslab's converter also gets (through the bundle's
// alias), with the cell compiler options applied.

/** TypeScript 5.0 as tslab uses it in this worker. */
export function typescriptModule(): typeof ts {
  return require("@tslab/typescript-for-tslab") as typeof ts;
}
