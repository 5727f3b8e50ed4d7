import * as path from "node:path";
import { packageRoot } from "../../kernel/paths";
import type { SetupContext } from "../runner/index";

// Runs inside the runner's child before the first cell: hands the message channel to check()
// (so it is captured before any student code exists) and snapshots the built-ins to restore.

/** Path of this module once compiled (also when the grader runs from sources under vitest). */
export const childSetupModule = path.join(packageRoot, "dist", "grader", "grading", "child-setup.js");

/** The runner calls this once per child. */
export function setup(context: SetupContext): void {
  const grading = require(path.join(path.dirname(context.libraryEntry), "check", "grading.js")) as typeof import("../../src/check/grading");
  grading.connectGrader((record) => context.emit(record));
}
