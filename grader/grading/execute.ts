import type { ExecuteResult } from "../runner/index";
import type { CellError } from "../../kernel/outcome";
import type { CheckMessage } from "../../src/check/grading";
import type { PlanItem } from "./plan";
import { newNonce, testCellCode, testMessages, unshiftColumns } from "./test-code";

// Executes a plan on runners. A cell that times out or kills its process fails with that reason;
// a fresh process replays the cells before it (not the failed one) and the plan goes on, so a
// hung cell costs only the tests that depend on it.

/** What one student cell did. */
export interface CellRun {
  label: string;
  position: number | null;
  status: ExecuteResult["status"];
  ms: number;
  error: CellError | null;
}

/** What one test execution produced, before scoring. */
export interface TestRun {
  id: string;
  status: ExecuteResult["status"] | "harness";
  error: CellError | null;
  checks: CheckMessage[];
  unrestored: string[];
  ms: number;
}

/** What executes cells: the embedded Runner, or a kernel on a Jupyter server (grader/jupyter). */
export interface CellRunner {
  /** `cell` numbers the cell in errors and tracebacks (its notebook position, as reports name it). */
  execute(code: string, options: { timeoutMs?: number; cell?: number }): Promise<ExecuteResult>;
  close(): Promise<void>;
}

/** How to get runners and how long cells may run. */
export interface ExecuteOptions {
  /** A started runner with the grading setup; called again after a crash or timeout. */
  startRunner: () => Promise<CellRunner>;
  timeoutMs: number;
  /** How test code finds the grading hooks: a path literal, or an expression (see test-code.ts). */
  gradingModule: string;
  /** Called after every item, for progress. */
  onItem?: () => void;
}

/** Run the plan; always resolves (failures are recorded per cell and per test). */
export async function executePlan(items: PlanItem[], options: ExecuteOptions): Promise<{ cells: CellRun[]; tests: TestRun[]; restarts: number }> {
  const cells: CellRun[] = [];
  const tests: TestRun[] = [];
  const replay: Array<{ source: string; cell?: number }> = [];
  let restarts = 0;
  let runner = await options.startRunner();
  const restart = async (): Promise<void> => {
    restarts++;
    await runner.close();
    runner = await options.startRunner();
    for (let i = 0; i < replay.length; i++) {
      const again = await runner.execute(replay[i]!.source, { timeoutMs: options.timeoutMs, cell: replay[i]!.cell });
      if (again.status === "timeout" || again.status === "crashed") {
        replay.splice(i--, 1);
        await runner.close();
        runner = await options.startRunner();
        i = -1;
      }
    }
  };
  try {
    for (const item of items) {
      if (item.kind === "cell") {
        const cell = item.position === null ? undefined : item.position + 1;
        const r = await runner.execute(item.source, { timeoutMs: options.timeoutMs, cell });
        cells.push({ label: item.label, position: item.position, status: r.status, ms: r.ms, error: r.error ?? null });
        if (r.status === "timeout" || r.status === "crashed") await restart();
        else replay.push({ source: item.source, cell });
      } else {
        const nonce = newNonce();
        const timeoutMs = item.test.timeoutS !== null ? item.test.timeoutS * 1000 : options.timeoutMs;
        const code = testCellCode(item.test, nonce, options.gradingModule);
        const r = await runner.execute(code, { timeoutMs, cell: item.test.position + 1 });
        const { began, checks } = testMessages(r.messages, nonce, item.test.id);
        const status = began === null && r.status === "ok" ? "harness" : r.status;
        const error = r.error ? { ...r.error, evalue: unshiftColumns(r.error.evalue, code) } : null;
        tests.push({ id: item.test.id, status, error, checks, unrestored: began?.unrestored ?? [], ms: r.ms });
        if (r.status === "timeout" || r.status === "crashed") await restart();
      }
      options.onItem?.();
    }
  } finally {
    await runner.close();
  }
  return { cells, tests, restarts };
}
