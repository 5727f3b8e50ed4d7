import type { ExecuteResult } from "../runner/index";
import { gradeMsg } from "../messages";
import type { CellRunner, ExecuteOptions, RunRecord } from "./execute";
import type { PlanItem } from "./plan";

// The runner of a run, and what a fresh one replays after a restart: the cells that ran ok, in order,
// within the submission's time limit and the restart cap. A cell that finished ok but left work
// running (a timer, a socket) is the first suspect when a later cell never starts or hangs: it is
// dropped from the replay, with a note, and the stalled item runs once more — instead of every later
// cell paying a timeout and a restart for it.

type Kept = { source: string; label: string; pending: string[]; cell?: number };

/** The current runner of a run and its replay list. */
export class Replay {
  runner!: CellRunner;
  private readonly kept: Kept[] = [];
  private readonly retried = new Set<PlanItem>();

  constructor(
    private readonly options: ExecuteOptions,
    private readonly record: RunRecord,
    private readonly deadline: number,
  ) {}

  async start(): Promise<void> {
    this.runner = await this.options.startRunner();
  }

  /** Remember a cell that ran ok, and the work it left running. */
  keep(item: Extract<PlanItem, { kind: "cell" }>, r: ExecuteResult): void {
    this.kept.push({ source: item.source, label: item.label, pending: r.pending, ...(item.position !== null && { cell: item.position + 1 }) });
  }

  /**
   * After `item` failed with `r`: when work left by earlier cells may be the cause (the item never
   * started, or an earlier cell left work running), drop those cells from the replay, restart, and
   * say the item should run again (once).
   */
  async retryAfterStall(item: PlanItem, r: ExecuteResult): Promise<boolean> {
    if (this.retried.has(item)) return false;
    const suspects = this.kept.filter((k) => k.pending.length > 0);
    const culprits = suspects.length > 0 ? suspects : r.started ? [] : this.kept.slice(-1);
    if (culprits.length === 0) return false;
    this.retried.add(item);
    for (const c of culprits) {
      this.kept.splice(this.kept.indexOf(c), 1);
      this.record.notes.push(gradeMsg.leftWork(c.label, c.pending));
    }
    await this.restart();
    return this.record.stopped === null;
  }

  /** A fresh runner with the kept cells replayed; a cell that fails on replay is dropped from it. */
  async restart(): Promise<void> {
    const max = this.options.maxRestarts ?? 5;
    for (;;) {
      if (this.record.restarts >= max) {
        this.record.stopped = { code: "restarts", restarts: this.record.restarts };
        return;
      }
      this.record.restarts++;
      await this.runner.close();
      this.runner = await this.options.startRunner();
      const broken = await this.replayAll();
      if (broken === null) return;
      this.kept.splice(this.kept.indexOf(broken), 1);
    }
  }

  private async replayAll(): Promise<Kept | null> {
    for (const cell of [...this.kept]) {
      const left = this.deadline - performance.now();
      if (left <= 0) return null;
      const again = await this.runner.execute(cell.source, { timeoutMs: Math.min(this.options.timeoutMs, left), cell: cell.cell });
      if (again.status === "violated") {
        this.record.stopped = { code: "violated", detail: again.error?.evalue ?? "" };
        return null;
      }
      if (again.status === "timeout" || again.status === "crashed") {
        if (again.lost) return cell;
        this.kept.splice(this.kept.indexOf(cell), 1);
      }
    }
    return null;
  }

  async close(): Promise<void> {
    await this.runner?.close();
  }
}
