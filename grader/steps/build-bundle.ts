import type { Step } from "../pipeline";
import { makeBundle } from "../bundle";
import { releaseLayout } from "../release";
import type { AssignContext } from "./assign-context";
import { toBundleTest } from "./record-references";

/** Assembles the autograder bundle: test code, positions, points, tolerances, references. */
export const makeAssignmentBundle: Step<AssignContext> = {
  name: "build the bundle",
  needs: ["assignment", "references", "release"],
  gives: ["bundle"],
  run(ctx) {
    const a = ctx.assignment!;
    const tests = a.tests.map((t) => toBundleTest(t, ctx.references!.get(t.id) ?? []));
    ctx.bundle = makeBundle(a.name, ctx.release!, releaseLayout(a), tests);
  },
};
