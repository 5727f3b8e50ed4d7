import type { Bundle } from "../bundle";
import type { SubmissionResult } from "../results";

/** What `gradlab grade` steps read and fill in, in step order. */
export interface GradeContext {
  assignmentArg: string;
  submissionArgs: string[];
  outDir: string;
  /** Where results are cached per bundle (the CLI: .gradlab/cache). */
  cacheDir: string;
  jobs: number;
  timeoutMs: number;
  memoryMb: number;
  force: boolean;
  gradescope: boolean;
  sandbox: boolean;
  /** Grade on kernels of this Jupyter server instead of embedded runners. */
  jupyter?: { url: string; token: string; kernelName: string };
  stopped: () => boolean;
  log: (line: string) => void;
  bundle?: Bundle;
  bundleSha256?: string;
  files?: string[];
  results?: SubmissionResult[];
  written?: string[];
}
