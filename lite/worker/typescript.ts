// What `require("@tslab/typescript-for-tslab")` gives tslab's converter inside the worker (an
// alias of the worker bundle): TypeScript 5.0 with the cell compiler options added to every watch
// host, as kernel/compiler-options.ts does for the Node kernel with the same Proxy. CommonJS, as
// the module it stands for: tslab reads it through `__importStar(require(…))`.

type Ts = typeof import("@tslab/typescript-for-tslab");
const typescript = require("@tslab/typescript-for-tslab/lib/typescript.js") as Ts;
const { cellCompilerOptions } = require("../../kernel/cell-options") as typeof import("../../kernel/cell-options");
const { libraryEntry } = require("./library") as typeof import("./library");
const extra = cellCompilerOptions(libraryEntry);

const createWatchCompilerHost = (files: string[], options: object, ...rest: unknown[]) =>
  (typescript.createWatchCompilerHost as (...args: unknown[]) => unknown)(files, { ...options, ...extra }, ...rest);

module.exports = new Proxy(typescript, {
  get: (target, key) => (key === "createWatchCompilerHost" ? createWatchCompilerHost : Reflect.get(target, key)),
});
