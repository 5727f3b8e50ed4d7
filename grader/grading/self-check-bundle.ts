import type { Reference } from "../../src/check/index";
import { isTestDirective, parseDirective } from "../authoring/directive";
import { defaultTolerance } from "../../src/check/compare";
import type { Bundle, BundleTest } from "../bundle";
import { cellSource, type Notebook } from "../notebook";

// `gradlab check` grades a released notebook against itself: its public test cells carry their
// references (the check.expect line the release wrote), and hidden placeholders say what is left.

const expectPattern = /^check\.expect\((".*?"), (\[.*\])\);$/;

/** The public tests of a released notebook as a bundle, plus the hidden tests it announces. */
export function selfCheckBundle(nb: Notebook, name: string): { bundle: Bundle; hidden: { id: string; points: number }[] } {
  const tests: BundleTest[] = [];
  const hidden: { id: string; points: number }[] = [];
  const cells = nb.cells.map((cell, position) => {
    const id = typeof cell.id === "string" ? cell.id : `cell-${position + 1}`;
    const [first, second = "", ...rest] = cellSource(cell).split("\n");
    if (cell.cell_type !== "code" || !isTestDirective(first)) return { id, type: cell.cell_type, test: null };
    const spec = parseDirective(first, position + 1, defaultTolerance);
    if (spec.hidden) {
      hidden.push({ id: spec.id, points: spec.points });
      return { id, type: cell.cell_type, test: null };
    }
    const match = expectPattern.exec(second.trim());
    if (match === null) {
      throw new Error(`cell ${position + 1}: public test ${spec.id} has no check.expect(...) line with its references; run \`gradlab check\` on the notebook \`gradlab assign\` released, not on the source.`);
    }
    const references = JSON.parse(match[2]) as Reference[];
    tests.push({ ...spec, position, cellId: id, code: rest.join("\n"), references });
    return { id, type: cell.cell_type, test: spec.id };
  });
  const bundle: Bundle = { format: "gradlab-bundle", version: 1, assignment: name, gradlabVersion: "", releaseSha256: "", cells, tests };
  return { bundle, hidden };
}
