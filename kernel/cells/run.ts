import type { CellHost } from "./host";
import type { LoopCheck } from "./interrupt-flag";
import { cellMsg } from "./messages";
import type { CellContext, CellProgram } from "./types";

// Running one compiled cell. A plain body runs in one interruptible call; a body with top-level
// awaits is a generator driven here, its steps interruptible calls of their own (see GUARD_EVERY_MS),
// so under a signal-stopped host a runaway loop after an await stops on Interrupt too (with an
// interrupt flag, loop checks stop it anywhere). After an interrupt nothing the cell started runs again:
// its timers are cancelled, a pending await is abandoned, and awaits inside functions it called
// throw when they resume (CellGuard).

/** The error an interrupted cell ends with. */
export class CellInterrupt extends Error {
  constructor() {
    super(cellMsg.interrupted);
    this.name = "KeyboardInterrupt";
  }
}

/** A CellContext the session can cancel. */
export class RunContext implements CellContext {
  cancelled = false;
  private readonly listeners: Array<() => void> = [];
  /** Settles (rejects) when the cell is interrupted; for racing against what the cell waits for. */
  readonly whenCancelled: Promise<never>;
  private rejectCancelled: (reason: Error) => void = () => {};

  constructor(readonly cell: number) {
    this.whenCancelled = new Promise<never>((_, reject) => (this.rejectCancelled = reject));
    this.whenCancelled.catch(() => undefined);
  }

  /** Call `listener` once on cancel (at once if already cancelled). */
  onCancel(listener: () => void): void {
    if (this.cancelled) listener();
    else this.listeners.push(listener);
  }

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.rejectCancelled(new CellInterrupt());
    for (const listener of this.listeners.splice(0)) listener();
  }
}

/** What compiled cells call: `await __gradlab.resume(await E)` on every nested await, the loop check atop every loop body. */
export interface CellGuard extends LoopCheck {
  resume<T>(value: T): T | Promise<T>;
}

// An await chain that never lets the event loop turn would also keep the interrupt signal out.
const YIELD_EVERY_MS = 50;
// Node's SIGINT watchdog (the runner child's host) loses a signal that lands while it stops, or dies
// of it, so a long async loop does not start and stop one on every await: the first steps (where a loop after an await would run away)
// are always guarded, later ones at most a few times a second.
const ALWAYS_GUARDED_STEPS = 3;
const GUARD_EVERY_MS = 200;

/** The guard object compiled cells receive; one per session. */
export function createGuard(host: CellHost): CellGuard {
  let lastYield = host.now();
  return {
    pending: host.loops.pending,
    check: host.loops.check,
    resume<T>(value: T): T | Promise<T> {
      const context = host.currentContext();
      if (context?.cancelled) throw new CellInterrupt();
      const now = host.now();
      if (now - lastYield < YIELD_EVERY_MS) return value;
      lastYield = now;
      return new Promise<T>((resolve, reject) => host.defer(() => (context?.cancelled ? reject(new CellInterrupt()) : resolve(value))));
    },
  };
}

/** The source the host evaluates for a program (its body starts on the second line). */
export function programSource(program: CellProgram): string {
  const kind = program.mode === "steps" ? "function*" : program.mode === "async" ? "async function" : "function";
  return `(${kind} (exports, require, __gradlab) {\n${program.js}\n})`;
}

/** Run a program under `context` until it completes; rejects with what it threw or a CellInterrupt. */
export async function runProgram(host: CellHost, fn: (...args: unknown[]) => unknown, args: unknown[], program: CellProgram, context: RunContext): Promise<unknown> {
  const started = host.interruptible(() => fn(...args));
  if (program.mode === "sync") return started;
  if (program.mode === "async") return Promise.race([started as Promise<unknown>, context.whenCancelled]);
  return drive(host, started as Generator<unknown, unknown, unknown>, context);
}

function drive(host: CellHost, gen: Generator<unknown, unknown, unknown>, context: RunContext): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let ticket = 0;
    let lastYield = host.now();
    let lastGuard = -Infinity;
    const advance = (method: "next" | "throw" | "return", arg: unknown): void => {
      const mine = ++ticket;
      const guard = mine <= ALWAYS_GUARDED_STEPS || host.now() - lastGuard >= GUARD_EVERY_MS;
      if (guard) lastGuard = host.now();
      const resume = () => gen[method](arg as never);
      let step: IteratorResult<unknown, unknown>;
      try {
        step = host.runInContext(context, () => (guard ? host.interruptible(resume) : resume()));
      } catch (err) {
        reject(err);
        return;
      }
      if (step.done) return resolve(step.value);
      if (context.cancelled) {
        // It caught the interrupt and awaits again: close it (its finally blocks run) and stop.
        if (method !== "return") advance("return", undefined);
        reject(new CellInterrupt());
        return;
      }
      const settle = (next: "next" | "throw", value: unknown) => {
        if (mine !== ticket || context.cancelled) return;
        if (host.now() - lastYield < YIELD_EVERY_MS) return advance(next, value);
        lastYield = host.now();
        host.defer(() => mine === ticket && !context.cancelled && advance(next, value));
      };
      Promise.resolve(step.value).then((v) => settle("next", v), (e: unknown) => settle("throw", e));
    };
    context.onCancel(() => ticket > 0 && advance("throw", new CellInterrupt()));
    advance("next", undefined);
  });
}

/** True for the error an interrupted cell's abandoned work ends with (no news to report). */
export function isCellInterrupt(reason: unknown): boolean {
  return reason instanceof CellInterrupt;
}
