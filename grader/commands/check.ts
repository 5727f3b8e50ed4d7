import type { Command } from "commander";
import { runSteps, type Step } from "../pipeline";
import type { CheckContext } from "../steps/check-context";
import { readPublicTests, runPublicTests, summarize } from "../steps/self-check-steps";

// `gradlab check NOTEBOOK`: the student's self-check. Runs the notebook and its public tests the
// way grading does (values compared outside the notebook's process) and says honestly what it
// did not run: "2/2 public tests passed; 2 hidden tests worth 6 points run at grading".

/** `gradlab check`, step by step. */
export const checkSteps: Step<CheckContext>[] = [readPublicTests, runPublicTests, summarize];

/** The outcome of a self-check: the scored public tests and the printed lines. */
export interface SelfCheck {
  lines: string[];
  allPassed: boolean;
}

/** Run the self-check of one released notebook. */
export async function selfCheck(file: string, timeoutMs = 60_000): Promise<SelfCheck> {
  const ctx = await runSteps<CheckContext>(checkSteps, { notebookFile: file, timeoutMs });
  return { lines: ctx.lines!, allPassed: ctx.tests!.every((t) => t.passed) };
}

/** Adds `gradlab check NOTEBOOK`. */
export function registerCheck(program: Command): void {
  program
    .command("check <notebook>")
    .description("student: run the notebook and its public tests; exit code 0 only if all pass")
    .option("--timeout <seconds>", "per-cell time limit", "60")
    .action(async (notebook: string, o: { timeout: string }) => {
      const result = await selfCheck(notebook, Number(o.timeout) * 1000);
      for (const line of result.lines) console.log(line);
      process.exitCode = result.allPassed ? 0 : 1;
    });
}
