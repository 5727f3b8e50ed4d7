import * as fs from "node:fs";
import * as os from "node:os";
import type { Bundle } from "../bundle";
import { sha256 } from "../notebook";
import type { SubmissionResult } from "../results";
import { CellCompiler, RunnerPool } from "../runner/index";
import type { ResultCache } from "./cache";
import { childSetupModule } from "./child-setup";
import { failedResult, type GradeOptions, gradeOne, scratchRunnerOptions } from "./grade-one";
import type { Progress } from "./progress";

// Grades many submissions, `jobs` at a time, on warm runners (each child starts before it is
// needed) whose cells are compiled here by one warm compiler per job, so no child builds
// TypeScript. A cached result is reused; Ctrl-C stops handing out work and keeps what is finished.

/** Batch settings. */
export interface BatchOptions extends Omit<GradeOptions, "acquire" | "onItem"> {
  jobs: number;
  cache: ResultCache | null;
  force: boolean;
  progress: Progress;
  /** Set by the caller's SIGINT handler: no new submission starts and unfinished results are dropped. */
  stopped: () => boolean;
}

/** Results in the order of `files`; unfinished ones (after Ctrl-C) are missing. */
export async function gradeBatch(files: string[], bundle: Bundle, bundleSha256: string, options: BatchOptions): Promise<SubmissionResult[]> {
  const results = new Map<string, SubmissionResult>();
  const todo: string[] = [];
  for (const file of files) {
    const cached = options.force ? null : options.cache?.get(sha256(fs.readFileSync(file)), file) ?? null;
    if (cached) {
      results.set(file, cached);
      options.progress.done(cached.submission, `${cached.score}/${cached.maxScore} (cached)`);
    } else todo.push(file);
  }
  const jobs = Math.max(1, Math.min(options.jobs, todo.length));
  const scratches: string[] = [];
  const embedded = todo.length > 0 && !options.jupyter;
  const compilerOptions = { libraryEntry: options.libraryEntry, memoryMb: options.memoryMb, ...(options.sandbox && { sandbox: { setup: childSetupModule } }) };
  const compilers = embedded ? Array.from({ length: jobs }, () => new CellCompiler(compilerOptions)) : [];
  const pool = !embedded ? null : new RunnerPool(() => {
    const o = scratchRunnerOptions({ ...options, compiler: compilers[scratches.length % jobs] });
    scratches.push(o.cwd);
    return o;
  }, jobs);
  const worker = async (): Promise<void> => {
    for (let file = todo.shift(); file !== undefined && !options.stopped(); file = todo.shift()) {
      const result = await gradeOne(file, bundle, bundleSha256, { ...options, acquire: pool ? () => pool.acquire() : undefined })
        .catch((err: unknown) => failedResult(file, bundle, bundleSha256, err));
      if (options.stopped()) return;
      if (result.status !== "error") options.cache?.put(result);
      results.set(file, result);
      options.progress.done(result.submission, `${result.score}/${result.maxScore}${result.status === "graded" ? "" : ` (${result.status})`}`);
    }
  };
  try {
    await Promise.all(Array.from({ length: jobs }, worker));
  } finally {
    await pool?.close();
    await Promise.all(compilers.map((c) => c.close()));
    for (const dir of scratches) fs.rmSync(dir, { recursive: true, force: true });
    options.progress.stop();
  }
  return files.flatMap((f) => results.get(f) ?? []);
}

/** Default --jobs: the number of cores. */
export function defaultJobs(): number {
  return typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
}
