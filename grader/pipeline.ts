// Commands are lists of small ordered steps (nbgrader's preprocessors). Each step says what it
// needs from earlier steps and what it provides; the runner asserts both, so a reordering
// mistake fails loudly with the step's name instead of as an undefined deep inside it.

/** One step of a command, over the command's context object. */
export interface Step<C> {
  name: string;
  needs: readonly (keyof C)[];
  gives: readonly (keyof C)[];
  run(context: C): void | Promise<void>;
}

/** Run the steps in order on the context. */
export async function runSteps<C extends object>(steps: readonly Step<C>[], context: C): Promise<C> {
  for (const step of steps) {
    const missing = step.needs.filter((key) => context[key] === undefined);
    if (missing.length > 0) {
      throw new Error(`grader step "${step.name}" needs ${missing.map(String).join(", ")}, which no earlier step provided; check the step list.`);
    }
    await step.run(context);
    const absent = step.gives.filter((key) => context[key] === undefined);
    if (absent.length > 0) throw new Error(`grader step "${step.name}" did not provide ${absent.map(String).join(", ")}.`);
  }
  return context;
}
