import * as fs from "node:fs";
import type { Kernel } from "@jupyterlab/services";
import { packageVersion } from "../../kernel/paths";
import { type Bundle, maxPoints } from "../bundle";
import { readSubmissionFile, sha256, SubmissionFileError } from "../files";
import { JupyterRunner } from "../jupyter/jupyter-runner";
import { notIsolatedLine, scoreMsg } from "../messages";
import { type Notebook, NotebookError, parseNotebook } from "../notebook";
import { type Isolation, RESULTS_VERSION, type SubmissionResult, TA_NOTICE } from "../results";
import { newKey } from "../harness/record";
import { type ParentCompiler, type Runner, type SandboxOptions, startRunner } from "../runner/index";
import type { Submission } from "./collect";
import { gradingRunnerOptions } from "./embedded";
import { manualAnswers } from "./manual-answers";
import { type ExecuteOptions, executePlan } from "./execute";
import { planSubmission } from "./plan";
import { roundPoints } from "./partial";
import { scoreTest } from "./score";

// Grades one submission in its own sandboxed process (grading/embedded.ts): the file is read as a
// regular file only, parsed, planned against the bundle, executed within the per-cell and
// per-submission limits, and scored in this process.

/** Limits, sandbox and where the library is. */
export interface GradeOptions {
  timeoutMs: number;
  /** Wall-clock limit of one submission, restarts and replays included. */
  submissionTimeoutMs: number;
  memoryMb: number;
  libraryEntry: string;
  /** How submissions are confined (null: not at all, for trusted notebooks only). */
  sandbox: SandboxOptions | null;
  isolation: Isolation;
  /** Compile cells in this process with this warm compiler (children only run them); see RunnerOptions. */
  compiler?: ParentCompiler;
  /** A warm runner for this submission (made with gradingRunnerOptions), e.g. from a RunnerPool. */
  acquire?: () => Promise<Runner>;
  onItem?: () => void;
  /** Aborted when the batch is stopped (Ctrl-C): the submission's children are killed and none restarts. */
  signal?: AbortSignal;
  /** Run kernels on a Jupyter server instead of embedded runners (no sandbox of ours then). */
  jupyter?: { manager: Kernel.IManager; kernelName: string };
}

/** A record with nothing graded yet (status graded, score 0). */
export function emptyResult(sub: Submission, bundle: Bundle, bundleSha256: string, digest: string, isolation: Isolation): SubmissionResult {
  return {
    version: RESULTS_VERSION, notice: TA_NOTICE, submission: sub.id, path: sub.file, sha256: digest, assignment: bundle.assignment, bundleSha256,
    student: null, score: 0, maxScore: maxPoints(bundle), autoScore: 0,
    manual: bundle.manual.map((q) => ({ id: q.id, maxPoints: q.points, answer: null, unanswered: true, points: null, comment: "" })), late: null,
    status: "graded", errors: [],
    notes: isolation.notIsolated.length > 0 ? [notIsolatedLine(isolation.notIsolated)] : [], tests: [], cells: [],
    timings: { totalMs: 0, restarts: 0 }, stopped: null, isolation, versions: { gradlab: packageVersion, node: process.version },
  };
}

/** The sha256 of a submission's bytes, or "" when it is not a readable regular file. */
export function submissionDigest(file: string): string {
  try {
    return sha256(readSubmissionFile(file));
  } catch {
    return "";
  }
}

/** The record of a submission the grader itself could not grade (not cached, so a rerun retries it). */
export function failedResult(sub: Submission, bundle: Bundle, bundleSha256: string, isolation: Isolation, err: unknown): SubmissionResult {
  const message = `the grader failed on this submission: ${err instanceof Error ? err.message : String(err)}`;
  return { ...emptyResult(sub, bundle, bundleSha256, submissionDigest(sub.file), isolation), status: "error", errors: [message] };
}

function invalid(result: SubmissionResult, bundle: Bundle, why: string): SubmissionResult {
  const tests = bundle.tests.map((t) => ({ ...scoreTest(t, undefined), error: why }));
  return { ...result, status: "invalid", errors: [why], tests };
}

/** Grade one file; never throws for a bad submission (it gets status invalid and score 0). */
export async function gradeOne(sub: Submission, bundle: Bundle, bundleSha256: string, options: GradeOptions): Promise<SubmissionResult> {
  const started = performance.now();
  let bytes: Buffer;
  try {
    bytes = readSubmissionFile(sub.file);
  } catch (err) {
    if (!(err instanceof SubmissionFileError)) throw err;
    return invalid(emptyResult(sub, bundle, bundleSha256, "", options.isolation), bundle, `${sub.id}: ${err.message}`);
  }
  const result = emptyResult(sub, bundle, bundleSha256, sha256(bytes), options.isolation);
  let notebook: Notebook;
  try {
    notebook = parseNotebook(bytes.toString("utf8"), sub.id);
  } catch (err) {
    if (!(err instanceof NotebookError)) throw err;
    return invalid(result, bundle, err.message);
  }
  const limits = { timeoutMs: options.timeoutMs, submissionTimeoutMs: options.submissionTimeoutMs, onItem: options.onItem };
  if (options.jupyter) {
    const { manager, kernelName } = options.jupyter;
    return runAndScore(notebook, bundle, result, started, { ...limits, startRunner: () => JupyterRunner.start(manager, kernelName, options.timeoutMs) });
  }
  const own = options.acquire ? null : gradingRunnerOptions({ ...options, sandbox: options.sandbox ?? undefined });
  const first = own ? await startRunner(own) : await options.acquire!();
  let handedOut = false;
  const start = async (): Promise<Runner> => {
    if (handedOut) return startRunner({ ...first.options, harnessKey: newKey() });
    handedOut = true;
    return first;
  };
  try {
    return await runAndScore(notebook, bundle, result, started, { ...limits, startRunner: start });
  } finally {
    if (own?.scratch) fs.rmSync(own.scratch, { recursive: true, force: true });
  }
}

async function runAndScore(notebook: Notebook, bundle: Bundle, result: SubmissionResult, started: number, execute: ExecuteOptions): Promise<SubmissionResult> {
  const plan = planSubmission(bundle, notebook);
  const run = await executePlan(plan.items, execute);
  const tests = bundle.tests.map((t) => scoreTest(t, run.tests.find((r) => r.id === t.id), run.stopped));
  const autoScore = roundPoints(tests.reduce((s, t) => s + t.points, 0));
  const cells = run.cells.map((c) => ({
    cell: c.label, status: c.status, ms: Math.round(c.ms), error: c.error && `${c.error.ename}: ${c.error.evalue}`, errorName: c.error?.ename ?? null, afterHidden: c.afterHidden,
  }));
  return {
    ...result, notes: [...result.notes, ...plan.notes, ...run.notes, ...(run.stopped ? [scoreMsg.stoppedNote(run.stopped)] : [])], tests, cells,
    score: autoScore, autoScore, manual: manualAnswers(bundle, notebook), stopped: run.stopped,
    timings: { totalMs: Math.round(performance.now() - started), restarts: run.restarts },
  };
}
