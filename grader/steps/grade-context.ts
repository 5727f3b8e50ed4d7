import type { Bundle } from "../bundle";
import type { Submission } from "../grading/collect";
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
  /** --sandbox: bwrap (the default) or node, or a mechanism object (tests pass a stand-in bwrap). */
  sandbox: SandboxKind | SandboxMechanism;
  /** Grade on kernels of this Jupyter server instead of embedded runners. */
  jupyter?: { url: string; token: string; kernelName: string };
  stopped: () => boolean;
  log: (line: string) => void;
  bundle?: Bundle;
  bundleSha256?: string;
  files?: Submission[];
  results?: SubmissionResult[];
  written?: string[];
}
