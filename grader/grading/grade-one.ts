import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { packageVersion } from "../../kernel/paths";
import type { Bundle } from "../bundle";
import { type Notebook, NotebookError, parseNotebook, sha256 } from "../notebook";
import { RESULTS_VERSION, type SubmissionResult } from "../results";
import { type CellCompiler, type Runner, type RunnerOptions, startRunner } from "../runner/index";
import { childSetupModule } from "./child-setup";
import type { Kernel } from "@jupyterlab/services";
import { JupyterRunner } from "../jupyter/jupyter-runner";
import { type ExecuteOptions, executePlan } from "./execute";
import { planSubmission } from "./plan";
import { scoreTest } from "./score";
import { gradingModuleInKernel, gradingModuleOf } from "./test-code";

// Grades one submission in its own sandboxed process: a scratch folder holding only a copy of the
// notebook, the per-cell timeout, the memory limit, Node's permission model (reads limited to the
// scratch folder and the installed library, writes to scratch, no child processes or workers).

/** Limits and where the library is. */
export interface GradeOptions {
  timeoutMs: number;
  memoryMb: number;
  libraryEntry: string;
  /** Confine the child with Node's permission model (the CLI default; --no-sandbox for trusted code). */
  sandbox: boolean;
  /** Compile cells in this process with this warm compiler (children only run them); see RunnerOptions. */
  compiler?: CellCompiler;
  /** A warm runner for this submission (its cwd becomes the scratch folder), e.g. from a RunnerPool. */
  acquire?: () => Promise<Runner>;
  onItem?: () => void;
  /** Run kernels on a Jupyter server instead of embedded runners (no sandbox of ours then). */
  jupyter?: { manager: Kernel.IManager; kernelName: string };
}

/** Runner options of a scratch folder; a pool uses this to pre-start children. */
export function scratchRunnerOptions(options: Omit<GradeOptions, "acquire">): RunnerOptions {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "gradlab-scratch-"));
  return {
    cwd: scratch,
    timeoutMs: options.timeoutMs,
    memoryMb: options.memoryMb,
    libraryEntry: options.libraryEntry,
    setup: childSetupModule,
    ...(options.compiler && { compiler: options.compiler }),
    ...(options.sandbox && { sandbox: { writePath: scratch, readPaths: [] } }),
  };
}

function emptyResult(file: string, bundle: Bundle, bundleSha256: string, digest: string): SubmissionResult {
  return {
    version: RESULTS_VERSION, submission: path.basename(file), path: file, sha256: digest, assignment: bundle.assignment, bundleSha256,
    score: 0, maxScore: bundle.tests.reduce((s, t) => s + t.points, 0), status: "graded", errors: [], notes: [], tests: [], cells: [],
    timings: { totalMs: 0, restarts: 0 }, versions: { gradlab: packageVersion, node: process.version },
  };
}

/** The record of a submission the grader itself could not grade (not cached, so a rerun retries it). */
export function failedResult(file: string, bundle: Bundle, bundleSha256: string, err: unknown): SubmissionResult {
  const digest = fs.existsSync(file) ? sha256(fs.readFileSync(file)) : "";
  const message = `the grader failed on this submission: ${err instanceof Error ? err.message : String(err)}`;
  return { ...emptyResult(file, bundle, bundleSha256, digest), status: "error", errors: [message] };
}

/** Grade one file; never throws for a bad submission (it gets status invalid and score 0). */
export async function gradeOne(file: string, bundle: Bundle, bundleSha256: string, options: GradeOptions): Promise<SubmissionResult> {
  const started = performance.now();
  const bytes = fs.readFileSync(file);
  const result = emptyResult(file, bundle, bundleSha256, sha256(bytes));
  let notebook: Notebook;
  try {
    notebook = parseNotebook(bytes.toString("utf8"), path.basename(file));
  } catch (err) {
    if (!(err instanceof NotebookError)) throw err;
    return { ...result, status: "invalid", errors: [err.message], tests: bundle.tests.map((t) => scoreTest(t, undefined)).map((t) => ({ ...t, error: "the submission is not a notebook" })) };
  }
  if (options.jupyter) {
    const { manager, kernelName } = options.jupyter;
    const start = () => JupyterRunner.start(manager, kernelName, options.timeoutMs);
    return runAndScore(notebook, bundle, result, started, { startRunner: start, timeoutMs: options.timeoutMs, gradingModule: gradingModuleInKernel, onItem: options.onItem });
  }
  const first = options.acquire ? await options.acquire() : await startRunner(scratchRunnerOptions(options));
  const scratch = first.options.cwd;
  fs.copyFileSync(file, path.join(scratch, path.basename(file)));
  let handedOut = false;
  const start = async (): Promise<Runner> => {
    if (!handedOut) {
      handedOut = true;
      return first;
    }
    return startRunner(first.options);
  };
  try {
    return await runAndScore(notebook, bundle, result, started, { startRunner: start, timeoutMs: options.timeoutMs, gradingModule: gradingModuleOf(options.libraryEntry), onItem: options.onItem });
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

async function runAndScore(notebook: Notebook, bundle: Bundle, result: SubmissionResult, started: number, execute: ExecuteOptions): Promise<SubmissionResult> {
  const plan = planSubmission(bundle, notebook);
  const run = await executePlan(plan.items, execute);
  const tests = bundle.tests.map((t) => scoreTest(t, run.tests.find((r) => r.id === t.id)));
  const cells = run.cells.map((c) => ({ cell: c.label, status: c.status, ms: Math.round(c.ms), error: c.error && `${c.error.ename}: ${c.error.evalue}` }));
  return {
    ...result, notes: plan.notes, tests, cells,
    score: tests.reduce((s, t) => s + t.points, 0),
    timings: { totalMs: Math.round(performance.now() - started), restarts: run.restarts },
  };
}
