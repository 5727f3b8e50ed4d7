// The shapes of a cell's result, for the runner and the grader (defined with the cell semantics).
export type { CellError, CellOutcome, MimeBundle } from "./cells/types";
