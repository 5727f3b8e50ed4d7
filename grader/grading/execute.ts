import type { CellError } from "../../kernel/outcome";
import type { RngState } from "../../src/random";
import type { ExecuteOptions as CellOptions, ExecuteResult } from "../runner/index";
import type { PlanItem } from "./plan";
import { Replay } from "./replay";
import { newNonce, type ReceivedCheck, testCellCode, testRecords, unshiftColumns } from "./test-code";

// Executes a plan on runners. A cell that times out or kills its process fails with that reason; when
// the process did not survive, a fresh one replays the cells before it (not the failed one) and the
// plan goes on, so a hung cell costs only the tests that depend on it. Replays count against the submission's time limit, restarts
// are capped, and a cell that left work running is not replayed blindly (replay.ts). A process that
// breaks the message protocol ends the submission's run.

/** What one student cell did. */
export interface CellRun {
  label: string;
  position: number | null;
  status: ExecuteResult["status"];
  ms: number;
  error: CellError | null;
  /** A hidden test had run before it in this run (its texts may quote hidden test code). */
  afterHidden: boolean;
}

/** What one test execution produced, before scoring. */
export interface TestRun {
  id: string;
  /** "harness": the test's begin or end record is missing or something it relies on was modified. */
  status: ExecuteResult["status"] | "harness";
  error: CellError | null;
  checks: ReceivedCheck[];
  unrestored: string[];
  modified: string[];
  ms: number;
  /** A hidden test had run before it in this run. */
  afterHidden: boolean;
  /** The random generator's state the test started from (what assign records). */
  rng: RngState | null;
}

/** Why a run stopped before the end of its plan. */
export type StopReason = { code: "submission-timeout"; seconds: number } | { code: "restarts"; restarts: number } | { code: "violated"; detail: string };

/** What executes cells: the embedded Runner, or a kernel on a Jupyter server (grader/jupyter). */
export interface CellRunner {
  execute(code: string, options: CellOptions): Promise<ExecuteResult>;
  close(): Promise<void>;
  /** The key the runner's harness seals records with. */
  readonly harnessKey: string;
}

/** How to get runners and how long cells may run. */
export interface ExecuteOptions {
  /** A started runner with the grading setup; called again after a crash or timeout. */
  startRunner: () => Promise<CellRunner>;
  timeoutMs: number;
  /** Wall-clock limit for the whole run, replays and restarts included (default: none). */
  submissionTimeoutMs?: number;
  /** Restarts allowed before the rest of the plan is given up (default 5). */
  maxRestarts?: number;
  /** Called after every item, for progress. */
  onItem?: () => void;
}

/** Everything a run produced. */
export interface RunRecord {
  cells: CellRun[];
  tests: TestRun[];
  restarts: number;
  stopped: StopReason | null;
  notes: string[];
}

const failed = (r: ExecuteResult) => (r.status === "timeout" || r.status === "crashed") && r.lost;

/** Run the plan; always resolves (failures are recorded per cell and per test). */
export async function executePlan(items: PlanItem[], options: ExecuteOptions): Promise<RunRecord> {
  const record: RunRecord = { cells: [], tests: [], restarts: 0, stopped: null, notes: [] };
  const deadline = performance.now() + (options.submissionTimeoutMs ?? Infinity);
  const replay = new Replay(options, record, deadline);
  const limit = (ms: number) => Math.max(1, Math.min(ms, deadline - performance.now()));
  let afterHidden = false;
  try {
    await replay.start();
    for (let i = 0; i < items.length && record.stopped === null; i++) {
      const item = items[i];
      if (performance.now() >= deadline) break;
      const ms = item.kind === "cell" ? options.timeoutMs : item.test.timeoutS !== null ? item.test.timeoutS * 1000 : options.timeoutMs;
      const code = item.kind === "cell" ? item.source : testCellCode(item.test);
      const nonce = newNonce();
      const runner = replay.runner;
      // Errors name cells by their notebook position, as the reports do.
      const cell = item.kind === "test" ? item.test.position + 1 : item.position === null ? undefined : item.position + 1;
      const r = await runner.execute(code, { timeoutMs: limit(ms), cell, ...(item.kind === "test" && { test: { nonce, id: item.test.id, ...(item.test.rng && { rng: item.test.rng }) } }) });
      if (failed(r) && (await replay.retryAfterStall(item, r))) {
        i--;
        continue;
      }
      if (item.kind === "cell") record.cells.push({ label: item.label, position: item.position, status: r.status, ms: r.ms, error: r.error ?? null, afterHidden });
      else record.tests.push({ ...testRun(item.test.id, r, code, runner.harnessKey, nonce), afterHidden });
      if (item.kind === "test" && item.test.hidden) afterHidden = true;
      if (r.status === "violated") record.stopped = { code: "violated", detail: r.error?.evalue ?? "" };
      else if (failed(r)) await replay.restart();
      else if (item.kind === "cell" && r.status !== "timeout") replay.keep(item, r);
      options.onItem?.();
    }
    if (record.stopped === null && performance.now() >= deadline) record.stopped = { code: "submission-timeout", seconds: (options.submissionTimeoutMs ?? 0) / 1000 };
  } finally {
    await replay.close();
  }
  return record;
}

function testRun(id: string, r: ExecuteResult, code: string, key: string, nonce: string): Omit<TestRun, "afterHidden"> {
  const { began, ended, checks, modified } = testRecords(r.messages, key, nonce, id);
  const completed = r.status === "ok" || r.status === "error";
  const tampered = completed && (began === null || ended === null || modified.length > 0);
  const error = r.error ? { ...r.error, evalue: unshiftColumns(r.error.evalue, code) } : null;
  return { id, status: tampered ? "harness" : r.status, error, checks, unrestored: began?.unrestored ?? [], modified, ms: r.ms, rng: began?.rng ?? null };
}
