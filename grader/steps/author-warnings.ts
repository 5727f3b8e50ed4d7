import { publicOnlyTests } from "../authoring/public-only";
import { authorMsg } from "../messages";
import type { Step } from "../pipeline";
import { GRADLAB_KERNELSPEC } from "../release";
import type { AssignContext } from "./assign-context";

/** Warns (without failing) about what assign cannot refuse: public tests a typed-in answer passes, another kernel. */
export const warnAuthor: Step<AssignContext> = {
  name: "warn about public-only tests and the kernelspec",
  needs: ["assignment"],
  gives: [],
  run(ctx) {
    for (const { test, names } of publicOnlyTests(ctx.assignment!)) ctx.log(authorMsg.publicOnly(`test ${test.id} (cell ${test.position + 1})`, names));
    const kernelspec = ctx.assignment!.notebook.metadata.kernelspec as { name?: unknown } | undefined;
    if (kernelspec !== undefined && kernelspec.name !== GRADLAB_KERNELSPEC.name) ctx.log(authorMsg.otherKernel(String(kernelspec.name)));
  },
};
