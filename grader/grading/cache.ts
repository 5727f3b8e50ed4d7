import * as fs from "node:fs";
import * as path from "node:path";
import { writeFileAtomic } from "../files";
import type { Submission } from "./collect";
import { RESULTS_VERSION, type SubmissionResult } from "../results";

// Results cached per (bundle hash, submission hash): a rerun grades only what changed, and a batch
// stopped with Ctrl-C resumes where it was, since each result is written as soon as it is known.

/** The cache folder of one bundle. */
export class ResultCache {
  constructor(private readonly dir: string) {}

  private file(submissionSha: string): string {
    return path.join(this.dir, `${submissionSha}.json`);
  }

  /** A cached result for this content, renamed to the submission it was found as now. */
  get(submissionSha: string, sub: Submission): SubmissionResult | null {
    try {
      const cached = JSON.parse(fs.readFileSync(this.file(submissionSha), "utf8")) as SubmissionResult;
      if (cached.version !== RESULTS_VERSION || cached.sha256 !== submissionSha) return null;
      return { ...cached, submission: sub.id, path: sub.file };
    } catch {
      return null;
    }
  }

  put(result: SubmissionResult): void {
    writeFileAtomic(this.file(result.sha256), JSON.stringify(result));
  }
}
