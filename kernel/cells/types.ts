// The data the cell-semantics core works on. Plain JSON-cloneable records, so a compiler can run
// in another thread or process (a worker, a grading parent, a browser worker) and hand them over.

/** A TypeScript diagnostic as tslab's converter reports it (0-based line and character, in the cell). */
export interface Diagnostic {
  start: { offset: number; line: number; character: number };
  end: { offset: number; line: number; character: number };
  messageText: string;
  category: number;
  code: number;
  /** Set when the diagnostic is in another file (a local module the cell imports), relative to the notebook. */
  fileName?: string;
  /** A hint for a PyTorch habit TypeScript rejects (`x * 2` on a tensor → `x.mul(2)`), in the student's terms. */
  hint?: string;
}

/**
 * Where each line of a program's JavaScript came from: for JS line i (0-based), [column, cellLine]
 * pairs sorted by column, cellLine 1-based in the cell's TypeScript. Generated lines have no pairs.
 */
export type LineTable = Array<Array<[number, number]>>;

/**
 * How a program's body runs. `sync`: a plain function. `steps`: a generator whose `yield`s are the
 * cell's top-level awaits, driven step by step so every step stays interruptible. `async`: an
 * async function (a top-level `for await`, which cannot become a generator).
 */
export type ProgramMode = "sync" | "steps" | "async";

/** One cell's JavaScript, ready to run. */
export interface CellProgram {
  /**
   * The body of `function (exports, require, __gradlab)`. Earlier cells' names are read and written
   * as `exports.NAME`; this cell's declarations are copied to `exports.NAME` as they run; nested
   * awaits read `await __gradlab.resume(await E)` (see CellGuard).
   */
  js: string;
  mode: ProgramMode;
  /** Every name the cell declares (values, functions, classes, imports), in any order. */
  declared: string[];
  /** The `exports` key holding the value of the cell's last expression, when it ends with one. */
  lastExpression?: string;
  lines: LineTable;
}

/** A JavaScript module the cell's compile produced (a local .ts file it imports), as CommonJS. */
export interface SideModule {
  path: string;
  data: string;
}

/** What compiling one cell gives the executor. */
export interface CellConversion {
  /** Non-empty: the cell does not run and the declarations stay as they were. */
  diagnostics: Diagnostic[];
  /** The TypeScript declarations of everything defined so far, this cell included (tslab's declOutput). */
  declarations?: string;
  /** Absent for a cell that declares only types, and for module and browser cells. */
  program?: CellProgram;
  modules?: SideModule[];
}

/** A Jupyter mime bundle: mime type → data (objects for JSON types, strings otherwise). */
export type MimeBundle = Record<string, unknown>;

/** What Jupyter's `error` message and nbformat's error output carry. */
export interface CellError {
  ename: string;
  evalue: string;
  traceback: string[];
}

/** The result of one cell: the last expression's bundle (null when there is none) or the error. */
export type CellOutcome = { status: "ok"; result: MimeBundle | null } | { status: "error"; error: CellError };

/** One execution of a cell, and everything it starts: what an interrupt cancels. */
export interface CellContext {
  /** The cell's number (its execution count), as tracebacks and errors name it. */
  readonly cell: number;
  /** True once the cell was interrupted: nothing it started may run again. */
  readonly cancelled: boolean;
}
