import type { Command } from "commander";
import * as path from "node:path";
import { libraryEntry } from "../../kernel/paths";
import { assignmentName } from "../authoring/parse";
import { runSteps, type Step } from "../pipeline";
import type { AssignContext } from "../steps/assign-context";
import { makeAssignmentBundle } from "../steps/build-bundle";
import { makeRelease } from "../steps/build-release";
import { parseSource } from "../steps/parse-assignment";
import { readSource } from "../steps/read-source";
import { recordReferences } from "../steps/record-references";
import { verifyBlankFails } from "../steps/verify-blank-fails";
import { writeAssignment } from "../steps/write-assignment";

/** `gradlab assign`, step by step. */
export const assignSteps: Step<AssignContext>[] = [
  readSource, parseSource, recordReferences, makeRelease, makeAssignmentBundle, verifyBlankFails, writeAssignment,
];

/** Options of one assign run. */
export interface AssignOptions {
  releaseDir?: string;
  bundlePath?: string;
  timeoutMs?: number;
  memoryMb?: number;
  log?: (line: string) => void;
  /** Stop before writing (grade builds bundles of source notebooks on the fly). */
  dryRun?: boolean;
}

/** The default bundle location of an assignment. */
export function defaultBundlePath(sourceFile: string): string {
  return path.join(".gradlab", "bundles", `${assignmentName(sourceFile)}.json`);
}

/** Validate a source notebook, record references, and write its release and bundle. */
export async function assign(sourceFile: string, options: AssignOptions = {}): Promise<AssignContext> {
  const ctx: AssignContext = {
    sourceFile,
    releaseDir: options.releaseDir ?? "notebooks",
    bundlePath: options.bundlePath ?? defaultBundlePath(sourceFile),
    timeoutMs: options.timeoutMs ?? 60_000,
    memoryMb: options.memoryMb ?? 2048,
    libraryEntry,
    log: options.log ?? (() => {}),
  };
  return runSteps(options.dryRun ? assignSteps.filter((s) => s !== writeAssignment) : assignSteps, ctx);
}

/** Adds `gradlab assign SOURCE.ipynb… [--release DIR] [--bundle PATH]`. */
export function registerAssign(program: Command): void {
  program
    .command("assign <source...>")
    .description("instructor: validate source notebooks, write the student release and the autograder bundle")
    .option("--release <dir>", "folder for the student notebooks", "notebooks")
    .option("--bundle <path>", "bundle file (one source only; default .gradlab/bundles/NAME.json)")
    .option("--timeout <seconds>", "per-cell time limit while running the solution", "60")
    .action(async (sources: string[], opts: { release: string; bundle?: string; timeout: string }) => {
      if (opts.bundle !== undefined && sources.length > 1) throw new Error("--bundle names one file, but several sources were given; drop --bundle to use .gradlab/bundles/NAME.json.");
      for (const source of sources) {
        await assign(source, { releaseDir: opts.release, bundlePath: opts.bundle, timeoutMs: Number(opts.timeout) * 1000, log: (l) => console.log(l) });
      }
    });
}
