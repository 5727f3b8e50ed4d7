import type { Reference } from "../../src/check/index";
import type { Assignment } from "../authoring/parse";
import type { Bundle } from "../bundle";
import type { Notebook } from "../notebook";

/** What `gradlab assign` steps read and fill in, in step order. */
export interface AssignContext {
  sourceFile: string;
  releaseDir: string;
  bundlePath: string;
  timeoutMs: number;
  memoryMb: number;
  libraryEntry: string;
  /** Progress lines for the instructor. */
  log: (line: string) => void;
  source?: Notebook;
  assignment?: Assignment;
  /** Per test id, the values the solution sent, in call order. */
  references?: Map<string, Reference[]>;
  release?: Notebook;
  releasePath?: string;
  bundle?: Bundle;
  /** Files written by the last step. */
  written?: string[];
}
