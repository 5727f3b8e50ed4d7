import { describe, expect, it } from "vitest";
import { assignSteps } from "../../grader/commands/assign";
import { checkSteps } from "../../grader/commands/check";
import { gradeSteps } from "../../grader/commands/grade";
import { runSteps, type Step } from "../../grader/pipeline";

// Steps assert what they need from earlier steps, so a reordered list fails with names.

type Ctx = { a?: number; b?: number };
const makeA: Step<Ctx> = { name: "make a", needs: [], gives: ["a"], run: (c) => void (c.a = 1) };
const double: Step<Ctx> = { name: "double a", needs: ["a"], gives: ["b"], run: (c) => void (c.b = c.a! * 2) };

describe("runSteps", () => {
  it("runs steps in order", async () => {
    expect(await runSteps([makeA, double], {})).toEqual({ a: 1, b: 2 });
  });

  it("names the step and the missing input when the order is wrong", async () => {
    await expect(runSteps([double, makeA], {})).rejects.toThrow('grader step "double a" needs a, which no earlier step provided; check the step list.');
  });

  it("names a step that did not provide what it promised", async () => {
    await expect(runSteps<Ctx>([{ ...makeA, run: () => {} }], {})).rejects.toThrow('grader step "make a" did not provide a.');
  });

  it.each([["assign", assignSteps], ["check", checkSteps], ["grade", gradeSteps]] as const)("%s: every step's needs come from the context or an earlier step", (_, steps) => {
    const given = new Set<string>(["sourceFile", "releaseDir", "bundlePath", "assignmentArg", "submissionArgs", "outDir", "notebookFile"]);
    for (const step of steps as readonly Step<object>[]) {
      for (const need of step.needs) expect(given.has(String(need)), `${step.name} needs ${String(need)}`).toBe(true);
      for (const gift of step.gives) given.add(String(gift));
    }
  });
});
