import * as fs from "node:fs";
import * as os from "node:os";
import type { Bundle } from "../bundle";
import { childSetupModule } from "../harness/child-setup";
import type { SubmissionResult } from "../results";
import { CompilerGroup, RunnerPool } from "../runner/index";
import type { ResultCache } from "./cache";
import type { Submission } from "./collect";
import { gradingRunnerOptions } from "./embedded";
import { failedResult, type GradeOptions, gradeOne, submissionDigest } from "./grade-one";
import type { Progress } from "./progress";

// Grades many submissions, `jobs` at a time, on warm runners (each child starts before it is
// needed) whose cells are compiled here by warm compilers, one per job, each compile going to the
// least busy one, so no child builds TypeScript. A cached result is reused. Ctrl-C (options.signal) keeps what is finished and stops at
// once: the submissions being graded are dropped (a rerun grades them) and their children killed.

/** Batch settings. */
export interface BatchOptions extends Omit<GradeOptions, "acquire" | "onItem"> {
  jobs: number;
  cache: ResultCache | null;
  force: boolean;
  progress: Progress;
  /** Set by the caller's SIGINT handler: no new submission starts and unfinished results are dropped. */
  stopped: () => boolean;
}

/** Results in the order of `submissions`; unfinished ones (after Ctrl-C) are missing. */
export async function gradeBatch(submissions: Submission[], bundle: Bundle, bundleSha256: string, options: BatchOptions): Promise<SubmissionResult[]> {
  const results = new Map<string, SubmissionResult>();
  const todo: Submission[] = [];
  for (const sub of submissions) {
    const digest = options.force ? "" : submissionDigest(sub.file);
    const cached = digest === "" ? null : options.cache?.get(digest, sub) ?? null;
    if (cached) {
      results.set(sub.file, cached);
      options.progress.done(cached.submission, `${cached.score}/${cached.maxScore} (cached)`);
    } else todo.push(sub);
  }
  const jobs = Math.max(1, Math.min(options.jobs, todo.length));
  const scratches: string[] = [];
  const embedded = todo.length > 0 && !options.jupyter;
  const compilerOptions = { libraryEntry: options.libraryEntry, memoryMb: options.memoryMb, ...(options.sandbox && { sandbox: { setup: childSetupModule } }) };
  const compilers = embedded ? new CompilerGroup(compilerOptions, jobs) : null;
  const pool = !compilers ? null : new RunnerPool(() => {
    const o = gradingRunnerOptions({ ...options, sandbox: options.sandbox ?? undefined, compiler: compilers });
    if (o.scratch) scratches.push(o.scratch);
    return o;
  }, jobs, todo.length);
  const aborted = new Promise<null>((resolve) => options.signal?.addEventListener("abort", () => resolve(null), { once: true }));
  const worker = async (): Promise<void> => {
    for (let next = todo.shift(); next !== undefined && !options.stopped(); next = todo.shift()) {
      const sub = next;
      const graded = gradeOne(sub, bundle, bundleSha256, { ...options, acquire: pool ? () => pool.acquire() : undefined })
        .catch((err: unknown) => failedResult(sub, bundle, bundleSha256, options.isolation, err));
      const result = await Promise.race([graded, aborted]);
      if (result === null || options.stopped() || options.signal?.aborted) return;
      if (result.status !== "error") options.cache?.put(result);
      results.set(sub.file, result);
      options.progress.done(result.submission, `${result.score}/${result.maxScore}${result.status === "graded" ? "" : ` (${result.status})`}`);
    }
  };
  try {
    await Promise.all(Array.from({ length: jobs }, worker));
  } finally {
    await pool?.close();
    await compilers?.close();
    for (const dir of scratches) fs.rmSync(dir, { recursive: true, force: true });
    options.progress.stop();
  }
  return submissions.flatMap((s) => results.get(s.file) ?? []);
}

/** Default --jobs: the number of cores. */
export function defaultJobs(): number {
  return typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
}
