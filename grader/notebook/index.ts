// The grader's one notebook model: types, reading (with an error for every way a file is not an
// nbformat 4 notebook), Jupyter's schema, and writing.
export { type NbCell, type NbOutput, type Notebook, NotebookError, cellSource, serializeNotebook, sourceLines } from "./model";
export { parseNotebook, readNotebook, toNotebook, validateNotebook, type Validation } from "./read";
