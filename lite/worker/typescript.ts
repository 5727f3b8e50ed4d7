// What `require("@tslab/typescript-for-tslab")` gives tslab's converter inside the worker (an
// alias of the worker bundle): TypeScript with the core's converter fixes. CommonJS, as the
// module it stands for: tslab reads it through `__importStar(require(…))`.
const { converterFixes } = require("./typescript-fixes") as typeof import("./typescript-fixes");

module.exports = converterFixes().ts;
