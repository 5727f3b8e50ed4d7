import * as path from "node:path";
import { defaultTolerance } from "../../src/check/compare";
import { cellSource, type Notebook, type NbCell } from "../notebook";
import { AuthoringError, isTestDirective, parseDirective, type TestSpec } from "./directive";
import { isManualDirective, type ManualSpec, parseManualDirective } from "./manual";
import { hasSolutionMarker, stripSolutions } from "./solution-regions";

// Reads an instructor's source notebook into the assignment model every later step works from,
// validating the authoring format with the cell number in each error.

/** A test cell of the source: its directive and the code after the directive line. */
export interface AuthoredTest extends TestSpec {
  /** 0-based position, the same in the source and in the release (cells map one to one). */
  position: number;
  cellId: string;
  body: string;
}

/** A free-text question of the source: its directive and where its answer cell is. */
export interface AuthoredManual extends ManualSpec {
  position: number;
  cellId: string;
}

/** One source cell and what the release makes of it. */
export interface AuthoredCell {
  position: number;
  id: string;
  cell: NbCell;
  role: "plain" | "solution" | "test" | "manual";
  /** The source with solution regions replaced by stubs (tests: unchanged). */
  released: string;
}

/** A validated source notebook. */
export interface Assignment {
  name: string;
  file: string;
  notebook: Notebook;
  cells: AuthoredCell[];
  tests: AuthoredTest[];
  manual: AuthoredManual[];
}

/** The assignment's name: the notebook's file name without .ipynb. */
export function assignmentName(file: string): string {
  return path.basename(file).replace(/\.ipynb$/i, "");
}

function authorTest(text: string, position: number, id: string): AuthoredTest {
  const n = position + 1;
  if (hasSolutionMarker("code", text)) throw new AuthoringError(`cell ${n}: a test cell cannot contain SOLUTION markers.`);
  const [first, ...rest] = text.split("\n");
  const spec = parseDirective(first, n, defaultTolerance);
  if (rest.some(isTestDirective)) throw new AuthoringError(`cell ${n}: test ${spec.id} has a second @test line; put each test in its own cell.`);
  const body = rest.join("\n").trim();
  if (/^\s*import\s/m.test(body)) {
    throw new AuthoringError(`cell ${n}: test ${spec.id} has an import; tests run inside a block at grading, so import in a code cell before it.`);
  }
  if (!/\bcheck\s*\(/.test(body)) {
    throw new AuthoringError(`cell ${n}: test ${spec.id} never calls check(label, value); a test is graded only by its checks.`);
  }
  return { ...spec, position, cellId: id, body };
}

/** Parse and validate a source notebook. */
export function parseAssignment(notebook: Notebook, file: string): Assignment {
  const cells: AuthoredCell[] = [];
  const tests: AuthoredTest[] = [];
  const manual: AuthoredManual[] = [];
  const ids = new Map<string, number>();
  const testIds = new Map<string, number>();
  let codeBefore = false;
  notebook.cells.forEach((cell, position) => {
    const n = position + 1;
    const id = typeof cell.id === "string" && cell.id !== "" ? cell.id : `cell-${n}`;
    if (ids.has(id)) throw new AuthoringError(`cell ${n}: the cell id "${id}" is already used by cell ${ids.get(id)}; cell ids must be unique.`);
    ids.set(id, n);
    const text = cellSource(cell);
    const lines = text.split("\n");
    if (cell.cell_type === "code" && isTestDirective(lines[0])) {
      const test = authorTest(text, position, id);
      if (testIds.has(test.id)) throw new AuthoringError(`cell ${n}: test id "${test.id}" is already used by cell ${testIds.get(test.id)}; test ids must be unique.`);
      if (!codeBefore) throw new AuthoringError(`cell ${n}: test ${test.id} comes before any code cell it could test; move it after the code it checks.`);
      testIds.set(test.id, n);
      tests.push(test);
      cells.push({ position, id, cell, role: "test", released: text });
      return;
    }
    if (cell.cell_type === "code" && lines.slice(1).some(isTestDirective)) {
      throw new AuthoringError(`cell ${n}: "// @test" must be the first line of its cell.`);
    }
    if (cell.cell_type === "markdown" && isManualDirective(lines[0])) {
      const spec = parseManualDirective(lines[0], n);
      if (testIds.has(spec.id)) throw new AuthoringError(`cell ${n}: question id "${spec.id}" is already used by cell ${testIds.get(spec.id)}; test and question ids must be unique.`);
      testIds.set(spec.id, n);
      manual.push({ ...spec, position, cellId: id });
      cells.push({ position, id, cell, role: "manual", released: stripSolutions("markdown", text, n).text });
      return;
    }
    if (cell.cell_type === "raw") {
      cells.push({ position, id, cell, role: "plain", released: text });
      return;
    }
    const { text: released, changed } = stripSolutions(cell.cell_type, text, n);
    if (cell.cell_type === "code") codeBefore = true;
    cells.push({ position, id, cell, role: changed ? "solution" : "plain", released });
  });
  if (tests.length === 0) throw new AuthoringError(`${file} has no test cells; start a code cell with "// @test ID points=N".`);
  return { name: assignmentName(file), file, notebook, cells, tests, manual };
}
