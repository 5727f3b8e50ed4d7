// Every text a student can see from the cell-semantics core: errors about names of failed cells,
// interrupts, traceback lines and the hints for PyTorch habits. Reword here, nowhere else.

/** Why a declared name has no value. */
export type UninitialisedReason = "running" | "failed" | "interrupted";

export const cellMsg = {
  uninitialised: (name: string, cell: number, reason: UninitialisedReason): string =>
    reason === "running"
      ? `'${name}' is not initialised yet: cell ${cell} has not reached its declaration.`
      : reason === "interrupted"
        ? `'${name}' was not initialised because cell ${cell} was interrupted before reaching its declaration. Run cell ${cell} again.`
        : `'${name}' was not initialised because cell ${cell} failed before reaching its declaration. Fix cell ${cell} and run it again.`,
  interrupted: "The cell was interrupted (Kernel → Interrupt); nothing it started keeps running.",
  uncaught: (value: string): string => `Uncaught ${value}`,
  /** The line above the traceback of an error thrown after its cell finished. */
  stray: (kind: "exception" | "rejection"): string =>
    kind === "exception"
      ? "An error was thrown in a callback (a timer or handler a cell started) and nothing caught it:"
      : "A promise was rejected and nothing awaited or caught it (add `await`, or `.catch(…)`):",
  /** A traceback line for a frame in a cell; `source` is that line of the cell, trimmed. */
  cellFrame: (fn: string | null, cell: number, line: number, source: string): string =>
    `    at ${fn ? `${fn} (cell ${cell}, line ${line})` : `cell ${cell}, line ${line}`}${source ? `:  ${source}` : ""}`,
  /** A traceback line for a frame in a file of the student's (a local module). */
  fileFrame: (fn: string | null, location: string): string => `    at ${fn ? `${fn} (${location})` : location}`,
  /** The folded frames inside the library and the platform. */
  folded: (count: number, names: string[]): string =>
    `    … ${count} ${count === 1 ? "frame" : "frames"} inside gradlab and Node.js${names.length ? ` (${names.join(" ← ")})` : ""}`,
  negatedTensor: "A minus sign before a Tensor gives NaN in JavaScript.",
  hints: {
    operator: (left: string, method: string, right: string): string =>
      `Tensors have no operators in TypeScript: use ${left}.${method}(${right}).`,
    compoundOperator: (left: string, method: string, right: string): string =>
      `Tensors have no operators in TypeScript: use ${left} = ${left}.${method}(${right}).`,
    freeOperator: (method: string, left: string, right: string): string =>
      `Tensors have no operators in TypeScript: use ${method}(${left}, ${right}).`,
    unaryMinus: (operand: string): string => `Tensors have no operators in TypeScript: use ${operand}.neg().`,
    callModule: (callee: string, args: string): string => `Modules are not callable in TypeScript: use ${callee}.forward(${args}).`,
    indexTensor: (object: string, index: string): string =>
      `Tensors cannot be indexed with [] in TypeScript: use ${object}.index(${index}) (or ${object}.slice(start, end) for a range).`,
  },
};
