import { runSteps, type Step } from "../pipeline";
import type { Notebook } from "../notebook";
import type { TestCellMetadata } from "../release";
import type { AssignContext } from "../steps/assign-context";
import { parseSource } from "../steps/parse-assignment";
import { readDataFiles } from "../steps/read-data-files";
import { readSource } from "../steps/read-source";
import { recordReferences } from "../steps/record-references";

// The instructor's copy of a solution notebook for the course site: the solution as authored, with
// each test cell (hidden ones too) given the references `gradlab assign` records from it, in the
// cell metadata where the student release keeps its public tests' references. Run All in the
// browser then checks every test, so an instructor sees the whole notebook pass before publishing.

const steps: Step<AssignContext>[] = [readSource, parseSource, readDataFiles, recordReferences];

/** The solution notebook `sourceFile` with every test's references in its cell's metadata. */
export async function instructorNotebook(sourceFile: string, libraryEntry: string): Promise<Notebook> {
  const ctx = await runSteps<AssignContext>(steps, {
    sourceFile, releaseDir: "", bundlePath: "", timeoutMs: 120_000, memoryMb: 2048, libraryEntry, log: () => {},
  });
  const notebook = ctx.assignment!.notebook;
  const cells = [...notebook.cells];
  for (const test of ctx.assignment!.tests) {
    const gradlab: TestCellMetadata = { test: test.id, points: test.points, hidden: test.hidden, references: ctx.references!.get(test.id) ?? [] };
    const cell = cells[test.position]!;
    cells[test.position] = { ...cell, metadata: { ...cell.metadata, gradlab } };
  }
  return { ...notebook, cells };
}
