import type { Reference } from "../src/check/index";
import type { RngState } from "../src/random";
import type { Assignment, AuthoredCell, AuthoredTest } from "./authoring/parse";
import type { BundleCell } from "./bundle";
import { sha256 } from "./files";
import { cellSource, type NbCell, type Notebook, sourceLines } from "./notebook";

// The student release: solutions replaced by stubs, public tests kept as written with their
// references in the cell's metadata (gradlab.references: check() reads them from the saved notebook
// in the student's kernel, `gradlab check` from the file), hidden tests turned into locked
// placeholders, free-text answer cells kept undeletable, cell ids kept, outputs cleared. A source
// without a kernelspec gets gradlab's, so Jupyter opens the release in the right kernel.

/** The kernelspec a gradlab notebook needs (`gradlab kernel install` registers it). */
export const GRADLAB_KERNELSPEC = { name: "gradlab", display_name: "TypeScript (gradlab)", language: "typescript" } as const;

/** What a released test cell's metadata says under "gradlab". */
export interface TestCellMetadata {
  test: string;
  points: number;
  hidden: boolean;
  /** Public tests only: the references recorded from the solution. */
  references?: Reference[];
  /** Public tests only: the random generator's state the test started from in the solution. */
  rng?: RngState;
}

/** What `gradlab check` needs per test besides its code: references and the starting generator state. */
export interface Recorded {
  references: Map<string, Reference[]>;
  rng: Map<string, RngState | null>;
}

/** The directive a released test cell starts with (normalised, so students see the points). */
export function directiveLine(test: AuthoredTest): string {
  const extra = [
    `points=${test.points}`,
    test.hidden ? "hidden" : "",
    test.partial ? "partial" : "",
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

function releaseCell(cell: AuthoredCell, test: AuthoredTest | undefined, recorded: Recorded | null): NbCell {
  // Authoring metadata under "gradlab" is the instructor's; the release writes its own for tests.
  const metadata = { ...cell.cell.metadata };
  delete metadata.gradlab;
  const source = test === undefined ? cell.released : testSource(test);
  const out: NbCell = { id: cell.id, cell_type: cell.cell.cell_type, metadata, source: sourceLines(source) };
  if (test !== undefined) {
    const references = recorded?.references.get(test.id);
    const rng = recorded?.rng.get(test.id);
    const gradlab: TestCellMetadata = { test: test.id, points: test.points, hidden: test.hidden, ...(!test.hidden && references && { references }), ...(!test.hidden && rng && { rng }) };
    out.metadata = { ...metadata, editable: false, deletable: false, gradlab };
  }
  if (cell.role === "manual") out.metadata = { ...metadata, deletable: false };
  if (cell.cell.cell_type === "code") {
    out.execution_count = null;
    out.outputs = [];
  }
  if (cell.cell.attachments !== undefined && cell.cell.cell_type !== "code") out.attachments = cell.cell.attachments;
  return out;
}

/** The release's notebook metadata: the source's, less gradlab's authoring keys, with a kernelspec. */
export function releaseMetadata(source: Record<string, unknown>): Record<string, unknown> {
  const { gradlab: _authoring, ...metadata } = source;
  return metadata.kernelspec === undefined ? { ...metadata, kernelspec: { ...GRADLAB_KERNELSPEC } } : metadata;
}

/** Build the release; `recorded` null gives the blank release used to check tests fail without solutions. */
export function buildRelease(assignment: Assignment, recorded: Recorded | null): Notebook {
  const byPosition = new Map(assignment.tests.map((t) => [t.position, t]));
  const cells = assignment.cells.map((cell) => releaseCell(cell, byPosition.get(cell.position), recorded));
  return { nbformat: 4, nbformat_minor: 5, metadata: releaseMetadata(assignment.notebook.metadata), cells };
}

/** The release's layout for the bundle, with the released source's hash of each test cell. */
export function releaseLayout(assignment: Assignment, release: Notebook): BundleCell[] {
  const byPosition = new Map(assignment.tests.map((t) => [t.position, t.id]));
  const manual = new Map(assignment.manual.map((m) => [m.position, m.id]));
  return assignment.cells.map((c) => {
    const test = byPosition.get(c.position) ?? null;
    const question = manual.get(c.position);
    return {
      id: c.id, type: c.cell.cell_type, test,
      ...(test !== null && { sha256: sha256(cellSource(release.cells[c.position]).trim()) }),
      ...(question !== undefined && { manual: question }),
    };
  });
}
