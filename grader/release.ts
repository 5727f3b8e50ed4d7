import type { Reference } from "../src/check/index";
import type { Assignment, AuthoredCell, AuthoredTest } from "./authoring/parse";
import type { BundleCell } from "./bundle";
import { type NbCell, type Notebook, sourceLines } from "./notebook";

// The student release: solutions replaced by stubs, public tests kept as written with their
// references in the cell's metadata (gradlab.references: check() reads them from the saved notebook
// in the student's kernel, `gradlab check` from the file), hidden tests turned into locked
// placeholders, cell ids and kernelspec kept, outputs cleared.

/** What a released test cell's metadata says under "gradlab". */
export interface TestCellMetadata {
  test: string;
  points: number;
  hidden: boolean;
  /** Public tests only: the references recorded from the solution. */
  references?: Reference[];
}

/** The directive a released test cell starts with (normalised, so students see the points). */
export function directiveLine(test: AuthoredTest): string {
  const extra = [
    `points=${test.points}`,
    test.hidden ? "hidden" : "",
    test.rtol !== 1e-6 ? `rtol=${test.rtol}` : "",
    test.atol !== 1e-9 ? `atol=${test.atol}` : "",
    test.timeoutS !== null ? `timeout=${test.timeoutS}` : "",
  ].filter((w) => w !== "");
  return `// @test ${test.id} ${extra.join(" ")}`;
}

function testSource(test: AuthoredTest): string {
  if (test.hidden) {
    const pts = `${test.points} point${test.points === 1 ? "" : "s"}`;
    return `${directiveLine(test)}\n// Hidden test "${test.id}" (${pts}): it runs when your notebook is graded. Keep this cell.`;
  }
  return [directiveLine(test), test.body].join("\n");
}

function releaseCell(cell: AuthoredCell, test: AuthoredTest | undefined, references: Reference[] | null): NbCell {
  // Authoring metadata under "gradlab" is the instructor's; the release writes its own for tests.
  const metadata = { ...cell.cell.metadata };
  delete metadata.gradlab;
  const source = test === undefined ? cell.released : testSource(test);
  const out: NbCell = { id: cell.id, cell_type: cell.cell.cell_type, metadata, source: sourceLines(source) };
  if (test !== undefined) {
    const gradlab: TestCellMetadata = { test: test.id, points: test.points, hidden: test.hidden, ...(!test.hidden && references && { references }) };
    out.metadata = { ...metadata, editable: false, deletable: false, gradlab };
  }
  if (cell.cell.cell_type === "code") {
    out.execution_count = null;
    out.outputs = [];
  }
  if (cell.cell.attachments !== undefined && cell.cell.cell_type !== "code") out.attachments = cell.cell.attachments;
  return out;
}

/** Build the release; `references` null gives the blank release used to check tests fail without solutions. */
export function buildRelease(assignment: Assignment, references: Map<string, Reference[]> | null): Notebook {
  const byPosition = new Map(assignment.tests.map((t) => [t.position, t]));
  const cells = assignment.cells.map((cell) => {
    const test = byPosition.get(cell.position);
    return releaseCell(cell, test, test === undefined ? null : references?.get(test.id) ?? null);
  });
  return { nbformat: 4, nbformat_minor: 5, metadata: assignment.notebook.metadata, cells };
}

/** The release's layout for the bundle. */
export function releaseLayout(assignment: Assignment): BundleCell[] {
  const byPosition = new Map(assignment.tests.map((t) => [t.position, t.id]));
  return assignment.cells.map((c) => ({ id: c.id, type: c.cell.cell_type, test: byPosition.get(c.position) ?? null }));
}
