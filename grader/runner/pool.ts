import { Runner, type RunnerOptions } from "./runner";

// Pre-started runners: a child takes ~0.2 s of CPU to load the library and run the prelude, so a
// batch keeps the next ones starting while the current notebook runs — but no more than the batch
// will use: a child started for nobody costs the same CPU, taken from the last submissions' cells.

/** A small pool of runners started ahead of use, each with its own options (e.g. its own scratch). */
export class RunnerPool {
  private readonly idle: Runner[] = [];
  private closed = false;

  /**
   * `options` is called for every runner the pool starts; `size` children are kept warm, and no
   * more are started ahead than `expected` acquire() calls still to come (default: no bound).
   */
  constructor(
    private readonly options: () => RunnerOptions,
    private readonly size = 1,
    private expected = Infinity,
  ) {
    this.fill();
  }

  /** A ready runner (the caller closes it); a replacement starts in the background if one will be needed. */
  async acquire(): Promise<Runner> {
    if (this.closed) throw new Error("This RunnerPool is closed.");
    const runner = this.idle.shift() ?? new Runner(this.options());
    this.expected = Math.max(0, this.expected - 1);
    this.fill();
    await runner.ready;
    return runner;
  }

  /** Resolves once every warm child has finished starting (failed starts count as finished). */
  async warm(): Promise<void> {
    await Promise.all(this.idle.map((r) => r.ready.catch(() => undefined)));
  }

  /** Stop the warm children that were never handed out. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.idle.splice(0).map((r) => r.close()));
  }

  private fill(): void {
    while (this.idle.length < Math.min(this.size, this.expected)) this.idle.push(new Runner(this.options()));
  }
}
