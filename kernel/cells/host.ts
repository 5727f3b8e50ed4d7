import type { LoopCheck } from "./interrupt-flag";
import type { CellContext, SideModule } from "./types";

// What the cell-semantics core needs from its platform. The Node implementation is
// kernel/node-host.ts (vm, Node's require, AsyncLocalStorage, loop checks on the control thread's
// flag or breakOnSigint); a browser worker implements the same with indirect eval, its bundled
// modules, a plain variable and the page's flag.

/** The platform a CellSession runs cells on. */
export interface CellHost {
  /**
   * Evaluate `source` (a script whose value is a function expression) in the global scope and
   * return the function. Stack frames of code in it must name `filename` and count lines from
   * `source`'s first line (Node: vm.runInThisContext with `filename`; browsers: indirect eval with
   * `//# sourceURL=filename` appended).
   */
  evaluate(source: string, filename: string): (...args: unknown[]) => unknown;
  /**
   * Call `fn` synchronously and return its result. A platform that stops runaway code by a signal
   * does so here, by throwing an error `isInterrupt` recognises (Node without an interrupt flag:
   * SIGINT via breakOnSigint); with a flag, loops stop in their loop check instead.
   */
  interruptible<T>(fn: () => T): T;
  /** True for the error interruptible() or the loop check throws when it stopped a cell. */
  isInterrupt(error: unknown): boolean;
  /**
   * What every loop body of a cell starts with (interrupt-flag.ts): its check throws (an error
   * isInterrupt recognises) while an Interrupt is pending on the host's shared flag; a host
   * without one gives NO_LOOP_CHECK.
   */
  loops: LoopCheck;
  /** The `require` cells call (what their `import`s become). */
  require(id: string): unknown;
  /** Make the compiled local modules a cell imports loadable by require (replacing older versions). */
  addModules(modules: SideModule[]): void;
  /** Run `fn` so that code it starts (timers, awaits, callbacks) sees `context` as current. */
  runInContext<T>(context: CellContext, fn: () => T): T;
  /**
   * The context of the code running now, or undefined outside any cell. A host that cannot track
   * async contexts may return the context of the cell that runs or ran last.
   */
  currentContext(): CellContext | undefined;
  /** Stop every timer, interval and immediate started under `context` (they never fire again). */
  cancelTimers(context: CellContext): void;
  /** Run `fn` on a later macrotask, outside every cell context (never cancelled by an interrupt). */
  defer(fn: () => void): void;
  /** A value as text/plain (Node: util.inspect). */
  inspect(value: unknown): string;
  /** Milliseconds on a monotonic clock. */
  now(): number;
}
