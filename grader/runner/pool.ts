import { Runner, type RunnerOptions } from "./runner";

// Pre-started runners: a child takes ~0.8 s to load TypeScript and the prelude, so a batch keeps
// the next ones starting while the current notebook runs.

/** A small pool of runners started ahead of use, each with its own options (e.g. its own scratch). */
export class RunnerPool {
  private readonly idle: Runner[] = [];
  private closed = false;

  /** `options` is called for every runner the pool starts; `size` children are kept warm. */
  constructor(
    private readonly options: () => RunnerOptions,
    private readonly size = 1,
  ) {
    for (let i = 0; i < size; i++) this.idle.push(new Runner(options()));
  }

  /** A ready runner (the caller closes it); a replacement starts in the background. */
  async acquire(): Promise<Runner> {
    if (this.closed) throw new Error("This RunnerPool is closed.");
    const runner = this.idle.shift() ?? new Runner(this.options());
    while (this.idle.length < this.size) this.idle.push(new Runner(this.options()));
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
}
