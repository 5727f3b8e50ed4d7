import { instrumentLoops } from "./interrupt";
import { typescriptModule } from "./typescript-module";

// `node:vm` for tslab's executor inside the worker: runInThisContext runs a compiled cell in the
// worker's global scope (indirect eval, as vm's "this context"), after adding the interrupt checks
// that stand in for Node's breakOnSigint.

/** Runs `code` as a script in the worker's global scope and returns its completion value. */
export function runInThisContext(code: string): unknown {
  const indirectEval = eval;
  return indirectEval(instrumentLoops(typescriptModule(), code));
}

export default { runInThisContext };
