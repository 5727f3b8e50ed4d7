import type { Bundle, BundleTest } from "../bundle";
import { gradeMsg } from "../messages";
import { cellSource, type Notebook } from "../notebook";
import { isTestDirective } from "../authoring/directive";
import { sha256 } from "../files";

// Decides what runs, in which order: the student's code cells in their own order, with each test
// (its code from the bundle) placed after every student cell that stands before it in the release.
// Cells are matched to the release by cell id, or by order when no id matches (a notebook that
// was re-created). Cells the student marked or kept as tests are ignored; the TA is told only when
// one of them differs from every test cell of the release (a student edited or wrote a test).

/** One thing to execute. */
export type PlanItem =
  | { kind: "cell"; source: string; label: string; position: number | null }
  | { kind: "test"; test: BundleTest };

/** The plan and what a TA should know about how it was made. */
export interface Plan {
  items: PlanItem[];
  notes: string[];
}

/** Build the execution plan of a submission. */
export function planSubmission(bundle: Bundle, nb: Notebook): Plan {
  const notes: string[] = [];
  const releaseIndex = new Map(bundle.cells.map((c, i) => [c.id, i]));
  const releaseCode = bundle.cells.flatMap((c, i) => (c.type === "code" && c.test === null ? [i] : []));
  const code = nb.cells.flatMap((cell, i) => (cell.cell_type === "code" ? [{ cell, n: i + 1 }] : []));
  const isTestCell = (source: string, id: unknown): boolean =>
    (typeof id === "string" && bundle.cells[releaseIndex.get(id) ?? -1]?.test != null) || isTestDirective(source.split("\n")[0]);
  const nonEmpty = code.filter(({ cell }) => cellSource(cell).trim() !== "");
  const student = nonEmpty.filter(({ cell }) => !isTestCell(cellSource(cell), cell.id));
  const released = new Set(bundle.cells.flatMap((c) => [...(c.sha256 ? [c.sha256] : []), ...(c.earlier ?? [])]));
  const edited = nonEmpty.filter(({ cell }) => !student.some((s) => s.cell === cell) && !released.has(sha256(cellSource(cell).trim()))).length;
  if (edited > 0) notes.push(gradeMsg.editedTests(edited));
  const byId = student.some(({ cell }) => typeof cell.id === "string" && releaseIndex.has(cell.id));
  if (!byId && student.length > 0) notes.push("No cell ids match the release, so cells were matched to it by order.");
  let anchor = -1;
  const anchored = student.map(({ cell, n }, k) => {
    const id = typeof cell.id === "string" ? cell.id : "";
    if (byId && releaseIndex.has(id)) anchor = releaseIndex.get(id)!;
    else if (!byId) anchor = releaseCode[k] ?? bundle.cells.length;
    return { source: cellSource(cell), n, anchor };
  });
  const items: PlanItem[] = [];
  let next = 0;
  const tests = [...bundle.tests].sort((a, b) => a.position - b.position);
  for (const test of tests) {
    const last = anchored.reduce((at, c, i) => (c.anchor < test.position ? i : at), -1);
    for (; next <= last; next++) items.push(cellItem(anchored[next]));
    items.push({ kind: "test", test });
  }
  for (; next < anchored.length; next++) items.push(cellItem(anchored[next]));
  return { items, notes };
}

function cellItem(c: { source: string; n: number; anchor: number }): PlanItem {
  return { kind: "cell", source: c.source, label: `cell ${c.n}`, position: c.n - 1 };
}
