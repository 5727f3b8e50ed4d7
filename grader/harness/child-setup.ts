import * as path from "node:path";
import { packageRoot } from "../../kernel/paths";
import type { SetupContext } from "../runner/protocol";
import { installHarness, type TestHooks } from "./harness";
import { closePermissionGaps } from "./permission-gaps";

// The runner's setup module for grading: runs inside the runner's child after the prelude and before
// the first cell; closes the permission model's gaps and installs the harness on the library
// instance the cells use.

/** Path of this module once compiled (also when the grader runs from sources under vitest). */
export const childSetupModule = path.join(packageRoot, "dist", "grader", "harness", "child-setup.js");

/** The runner calls this once per child; the hooks it returns run around each test cell. */
export function setup(context: SetupContext): TestHooks {
  if (context.key === null) throw new Error("The grading harness needs the key its runner was started with (RunnerOptions.harnessKey).");
  const library = require(context.libraryEntry) as Parameters<typeof installHarness>[0]["library"];
  closePermissionGaps();
  return installHarness({ emit: context.emit, key: context.key, library, libraryEntry: context.libraryEntry, seed: context.seed });
}
