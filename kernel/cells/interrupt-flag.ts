// Stopping a cell's runaway loop without signals. Every loop body of a compiled cell starts with a
// loop check (prepare.ts) that calls `__gradlab.check()` once an Interrupt may be pending. On Node
// the check reads the global STOP_GLOBAL, which stays 0 until an Interrupt: V8's optimising compiler
// folds a global that was never reassigned into a constant, so the loop pays nothing, and the
// kernel's control thread sets it through an inspector session (kernel/wake-loop-checks.ts), which runs
// on the main thread at its next loop back-edge and deoptimises the loops that read it. A browser
// worker has no such way in: its check reads `pending`, a word of shared memory the page sets
// (one plain read per iteration; a call, or an Atomics.load, which V8 does not inline, costs
// 4–15 ns). check() then decides, with atomics, whether the Interrupt is news: the buffer's first
// word counts Interrupts and the thread that runs cells remembers how many it has settled, so no
// interleaving of the two threads loses one. Once an Interrupt is seen, every check throws until
// the cell ends, so a `catch` in the loop cannot swallow it.
//
// A plain read of shared memory in a loop is reloaded on every iteration by V8 (it does not hoist
// typed-array loads out of loops), and a store to a folded global deoptimises the code that folded
// it; the spinning-loop interrupt tests (test/kernel/test_cells.py, test/kernel/cells/*.test.ts,
// test/lite) fail if either ever changes.

/** The global Node cells' loop checks read: 0 until an Interrupt may be pending. */
export const STOP_GLOBAL = "__gradlabStop";

const COUNT = 0;
const PENDING = 1;

/** The error a loop check throws (the code Node's vm gives a script stopped on SIGINT). */
export function interruptedError(): Error {
  return Object.assign(new Error("Script execution was interrupted"), { code: "ERR_SCRIPT_EXECUTION_INTERRUPTED" });
}

/** True for the error a loop check (or Node's breakOnSigint) throws. */
export function isInterruptedError(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "ERR_SCRIPT_EXECUTION_INTERRUPTED";
}

/** A new flag's memory, to share with the thread that raises it. */
export function interruptFlagBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
}

/** Raise the flag in `buffer` (from any thread); returns the Interrupt's number. */
export function raiseInterrupt(buffer: SharedArrayBuffer): number {
  const words = new Int32Array(buffer);
  const n = Atomics.add(words, COUNT, 1) + 1;
  // After the count: a check that sees `pending` also sees this Interrupt counted.
  Atomics.store(words, PENDING, 1);
  return n;
}

/** What a compiled loop body starts with: a cheap read of `pending`, and check() when it is set. */
export interface LoopCheck {
  readonly pending: Int32Array;
  readonly check: () => void;
}

/** The loop check of a host that has no flag: `pending` stays 0, so check() is never called. */
export const NO_LOOP_CHECK: LoopCheck = { pending: new Int32Array(1), check: () => {} };

/** The side of a flag that runs cells: its loop check, and which Interrupts are still news. */
export class InterruptFlag implements LoopCheck {
  private readonly words: Int32Array;
  readonly pending: Int32Array;
  private settled: number;
  private isTripped = false;
  /** Called by a loop that saw `pending` set: throws if an Interrupt raised since the last settle() is pending. */
  readonly check: () => void;

  constructor(readonly buffer: SharedArrayBuffer = interruptFlagBuffer()) {
    this.words = new Int32Array(buffer);
    this.pending = new Int32Array(buffer, PENDING * Int32Array.BYTES_PER_ELEMENT, 1);
    this.settled = Atomics.load(this.words, COUNT);
    this.check = () => {
      if (!this.isTripped) {
        // Clear before reading the count: an Interrupt raised after the read sets it again.
        Atomics.store(this.words, PENDING, 0);
        if (Atomics.load(this.words, COUNT) === this.settled) return;
        this.isTripped = true;
        Atomics.store(this.words, PENDING, 1);
      }
      throw interruptedError();
    };
  }

  /** True from the check that saw an Interrupt until the next settle() or isNew(). */
  get tripped(): boolean {
    return this.isTripped;
  }

  /** Every Interrupt raised so far has done its work (call when a cell starts and when it ends). */
  settle(): void {
    this.isTripped = false;
    Atomics.store(this.words, PENDING, 0);
    this.settled = Atomics.load(this.words, COUNT);
  }

  /** True once for Interrupt number `n` (as raiseInterrupt returned it) unless settled since. */
  isNew(n: number): boolean {
    if (n <= this.settled) return false;
    this.settled = n;
    // `pending` stays as it is: the next check clears it unless a later Interrupt is pending.
    this.isTripped = false;
    return true;
  }
}
