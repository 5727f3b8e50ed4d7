import type { Command } from "commander";
import * as path from "node:path";
import { libraryEntry } from "../../kernel/paths";
import { assignmentName } from "../authoring/parse";
import { runSteps, type Step } from "../pipeline";
import type { AssignContext } from "../steps/assign-context";
import { warnAuthor } from "../steps/author-warnings";
import { makeAssignmentBundle } from "../steps/build-bundle";
import { makeRelease } from "../steps/build-release";
import { parseSource } from "../steps/parse-assignment";
import { previewRelease } from "../steps/preview-release";
import { readDataFiles } from "../steps/read-data-files";
import { readSource } from "../steps/read-source";
import { recordReferences } from "../steps/record-references";
import { verifyBlankFails } from "../steps/verify-blank-fails";
import { writeAssignment } from "../steps/write-assignment";

/** `gradlab assign`, step by step. */
export const assignSteps: Step<AssignContext>[] = [
  readSource, parseSource, readDataFiles, warnAuthor, recordReferences, makeRelease, makeAssignmentBundle, verifyBlankFails, writeAssignment,
];

/** `gradlab assign --dry-run`: what students will see, without running or writing anything. */
export const previewSteps: Step<AssignContext>[] = [readSource, parseSource, readDataFiles, warnAuthor, previewRelease];

/** Options of one assign run. */
export interface AssignOptions {
  releaseDir?: string;
  bundlePath?: string;
  /** Data files (--files), relative to the current folder. */
  files?: string[];
  timeoutMs?: number;
  memoryMb?: number;
  log?: (line: string) => void;
  /** Build the bundle but write nothing (grade builds bundles of source notebooks on the fly). */
  noWrite?: boolean;
  /** Print the release cell by cell and stop (`--dry-run`). */
  preview?: boolean;
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
    fileArgs: options.files ?? [],
    timeoutMs: options.timeoutMs ?? 60_000,
    memoryMb: options.memoryMb ?? 2048,
    libraryEntry,
    log: options.log ?? (() => {}),
  };
  const steps = options.preview ? previewSteps : options.noWrite ? assignSteps.filter((s) => s !== writeAssignment) : assignSteps;
  return runSteps(steps, ctx);
}

/** Adds `gradlab assign SOURCE.ipynb… [--release DIR] [--bundle PATH] [--files PATH…] [--dry-run]`. */
export function registerAssign(program: Command): void {
  program
    .command("assign <source...>")
    .description("instructor: validate source notebooks, write the student release and the autograder bundle")
    .option("--release <dir>", "folder for the student notebooks", "notebooks")
    .option("--bundle <path>", "bundle file (one source only; default .gradlab/bundles/NAME.json)")
    .option("--files <paths...>", "data files the notebook reads (beside the source; also metadata gradlab.files): copied beside the release, into the bundle, and read-only beside each graded submission")
    .option("--dry-run", "print what students will see, cell by cell, and write nothing (the solution is not run)")
    .option("--timeout <seconds>", "per-cell time limit while running the solution", "60")
    .action(async (sources: string[], opts: { release: string; bundle?: string; files?: string[]; dryRun?: boolean; timeout: string }) => {
      if (opts.bundle !== undefined && sources.length > 1) throw new Error("--bundle names one file, but several sources were given; drop --bundle to use .gradlab/bundles/NAME.json.");
      if (opts.files !== undefined && sources.length > 1) throw new Error("--files belongs to one source, but several were given; assign them one at a time, or list each one's files in its metadata gradlab.files.");
      for (const source of sources) {
        await assign(source, {
          releaseDir: opts.release, bundlePath: opts.bundle, files: opts.files, preview: opts.dryRun === true,
          timeoutMs: Number(opts.timeout) * 1000, log: (l) => console.log(l),
        });
      }
    });
}
