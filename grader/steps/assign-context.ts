import type { Reference } from "../../src/check/index";
import type { RngState } from "../../src/random";
import type { Assignment } from "../authoring/parse";
import type { Bundle, BundleFile } from "../bundle";
import type { Notebook } from "../notebook";

/** What `gradlab assign` steps read and fill in, in step order. */
export interface AssignContext {
  sourceFile: string;
  releaseDir: string;
  bundlePath: string;
  timeoutMs: number;
  memoryMb: number;
  libraryEntry: string;
  /** Data files named on the command line (--files), relative to the current folder. */
  fileArgs?: string[];
  /** Progress lines for the instructor. */
  log: (line: string) => void;
  source?: Notebook;
  assignment?: Assignment;
  /** The data files (--files and metadata gradlab.files), relative to the source's folder. */
  files?: BundleFile[];
  /** Per test id, the values the solution sent, in call order. */
  references?: Map<string, Reference[]>;
  /** Per test id, the random generator's state when the test began in the solution's run. */
  rng?: Map<string, RngState | null>;
  release?: Notebook;
  releasePath?: string;
  bundle?: Bundle;
  /** Files written by the last step. */
  written?: string[];
}
