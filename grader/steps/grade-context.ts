import type { Bundle } from "../bundle";
import type { Submission } from "../grading/collect";
import type { LatePolicy } from "../course/late";
import type { Visibility } from "../reports/student-view";
import type { SubmissionResult } from "../results";
import type { SandboxKind, SandboxMechanism } from "../runner/index";

/** What `gradlab grade` steps read and fill in, in step order. */
export interface GradeContext {
  assignmentArg: string;
  submissionArgs: string[];
  outDir: string;
  /** Where results are cached per bundle (the CLI: .gradlab/cache). */
  cacheDir: string;
  jobs: number;
  timeoutMs: number;
  /** Wall-clock limit per submission (--submission-timeout), replays and restarts included. */
  submissionTimeoutMs: number;
  memoryMb: number;
  force: boolean;
  gradescope: boolean;
  /** When students see hidden tests' results (Gradescope's visibility); default after_published. */
  hiddenVisibility?: Visibility;
  /** --manual: the TA's scores of free-text answers. */
  manualFile?: string;
  /** --roster: the class list. */
  rosterFile?: string;
  /** --due, --late-penalty, --timestamps. */
  late?: LatePolicy;
  /** --sandbox: bwrap (the default) or node, or a mechanism object (tests pass a stand-in bwrap). */
  sandbox: SandboxKind | SandboxMechanism;
  /** Grade on kernels of this Jupyter server instead of embedded runners. */
  jupyter?: { url: string; token: string; kernelName: string };
  stopped: () => boolean;
  /** Aborted on Ctrl-C: the submissions being graded stop at once (finished ones are kept). */
  signal?: AbortSignal;
  log: (line: string) => void;
  bundle?: Bundle;
  bundleSha256?: string;
  files?: Submission[];
  /** This run's results (graded or cached). */
  results?: SubmissionResult[];
  /** Everything the reports show: earlier rows of --out merged with this run's, with manual scores, students and lateness. */
  report?: SubmissionResult[];
  written?: string[];
}
