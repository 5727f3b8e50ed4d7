import type { Reference } from "../../src/check/index";
import { isTestDirective, parseDirective } from "../authoring/directive";
import { defaultTolerance } from "../../src/check/compare";
import { BUNDLE_VERSION, type Bundle, type BundleTest } from "../bundle";
import { cellSource, type Notebook } from "../notebook";
import { rngStateOf } from "../harness/record";
import type { TestCellMetadata } from "../release";

// `gradlab check` grades a released notebook against itself: its public test cells carry their
// references in their metadata (gradlab.references, written by the release), and hidden
// placeholders say what is left. The test code is the cell's, after its directive line.

function referencesOf(metadata: Record<string, unknown>, testId: string): Reference[] | null {
  const gradlab = metadata.gradlab as Partial<TestCellMetadata> | undefined;
  return gradlab?.test === testId && Array.isArray(gradlab.references) ? gradlab.references : null;
}

/** The public tests of a released notebook as a bundle, plus the hidden tests it announces. */
export function selfCheckBundle(nb: Notebook, name: string): { bundle: Bundle; hidden: { id: string; points: number }[] } {
  const tests: BundleTest[] = [];
  const hidden: { id: string; points: number }[] = [];
  const cells = nb.cells.map((cell, position) => {
    const id = typeof cell.id === "string" ? cell.id : `cell-${position + 1}`;
    const [first, ...rest] = cellSource(cell).split("\n");
    if (cell.cell_type !== "code" || !isTestDirective(first)) return { id, type: cell.cell_type, test: null };
    const spec = parseDirective(first, position + 1, defaultTolerance);
    if (spec.hidden) {
      hidden.push({ id: spec.id, points: spec.points });
      return { id, type: cell.cell_type, test: null };
    }
    const references = referencesOf(cell.metadata, spec.id);
    if (references === null) {
      throw new Error(`cell ${position + 1}: public test ${spec.id} has no references in its metadata (gradlab.references); run \`gradlab check\` on the notebook \`gradlab assign\` released (or a copy saved from it), not on the source.`);
    }
    const rng = rngStateOf((cell.metadata.gradlab as Partial<TestCellMetadata>).rng);
    tests.push({ ...spec, position, cellId: id, code: rest.join("\n"), references, rng });
    return { id, type: cell.cell_type, test: spec.id };
  });
  const bundle: Bundle = { format: "gradlab-bundle", version: BUNDLE_VERSION, assignment: name, gradlabVersion: "", releaseSha256: "", cells, tests, manual: [], files: [] };
  return { bundle, hidden };
}
