import type { Step } from "../pipeline";
import { makeBundle } from "../bundle";
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
    ctx.bundle = makeBundle(a.name, ctx.release!, { cells: releaseLayout(a, ctx.release!), tests, manual, files: ctx.files! });
  },
};
