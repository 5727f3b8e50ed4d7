import * as fs from "node:fs";
import type { Step } from "../pipeline";
import { type Bundle, type BundleCell, makeBundle, readBundle } from "../bundle";
import { cellSource } from "../notebook";
import { releaseLayout } from "../release";
import type { AssignContext } from "./assign-context";
import { toBundleTest } from "./record-references";

/** Assembles the autograder bundle: test code, positions, points, tolerances, references, seeds, questions, files. */
export const makeAssignmentBundle: Step<AssignContext> = {
  name: "build the bundle",
  needs: ["assignment", "references", "rng", "release", "files"],
  gives: ["bundle"],
  run(ctx) {
    const a = ctx.assignment!;
    const tests = a.tests.map((t) => toBundleTest(t, ctx.references!.get(t.id) ?? [], ctx.rng!.get(t.id) ?? null));
    const manual = a.manual.map((m) => ({ ...m, released: cellSource(ctx.release!.cells[m.position]) }));
    const cells = withEarlierTestCells(releaseLayout(a, ctx.release!), previousBundle(ctx.bundlePath, a.name));
    ctx.bundle = makeBundle(a.name, ctx.release!, { cells, tests, manual, files: ctx.files! });
  },
};

// The bundle this assign replaces (null: none, another assignment's, or unreadable — it only adds hashes).
function previousBundle(file: string, assignment: string): Bundle | null {
  if (!fs.existsSync(file)) return null;
  try {
    const b = readBundle(file);
    return b.assignment === assignment ? b : null;
  } catch {
    return null;
  }
}

// A test fixed after release: students' notebooks still hold the earlier test cell, which is not an edit.
function withEarlierTestCells(cells: BundleCell[], previous: Bundle | null): BundleCell[] {
  if (previous === null) return cells;
  return cells.map((c) => {
    const was = c.test === null ? undefined : previous.cells.find((p) => p.test === c.test);
    const earlier = [...new Set([...(was?.earlier ?? []), ...(was?.sha256 ? [was.sha256] : [])])].filter((h) => h !== c.sha256);
    return earlier.length > 0 ? { ...c, earlier } : c;
  });
}
