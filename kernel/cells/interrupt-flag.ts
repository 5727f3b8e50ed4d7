// Stopping a cell's runaway loop without signals. Every loop body of a compiled cell starts with
// `__gradlab.check()` (prepare.ts), which throws while an Interrupt is pending on a shared Int32
// that another thread raises: the kernel's control thread in Node, the page in a browser. The
// word counts Interrupts; the thread that runs cells remembers how many it has settled, so one
// atomic word carries everything and no interleaving of the two threads loses an Interrupt. Once
// raised, every check throws until the cell ends, so a `catch` inside the loop cannot swallow it.

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
  return new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
}

/** Raise the flag in `buffer` (from any thread); returns the Interrupt's number. */
export function raiseInterrupt(buffer: SharedArrayBuffer): number {
  return Atomics.add(new Int32Array(buffer), 0, 1) + 1;
}

// Atomics.load costs ~20 ns in Node 20 (a plain read is cheap, but an optimiser may hoist it out
// of the loop and never see the flag change), so a check reads the flag on every CHECK_EVERY-th
// call: ~2 ns a loop iteration. Once it has seen an Interrupt, every check throws until settle().
const CHECK_EVERY = 16;

/** The side of a flag that runs cells: its loop check, and which Interrupts are still news. */
export class InterruptFlag {
  private readonly raised: Int32Array;
  private settled: number;
  /** What compiled loops call: throws while an Interrupt raised since the last settle() is pending. */
  readonly check: () => void;
  private readonly rearm: () => void;

  constructor(readonly buffer: SharedArrayBuffer = interruptFlagBuffer()) {
    this.raised = new Int32Array(buffer);
    this.settled = Atomics.load(this.raised, 0);
    // 0 once an Interrupt was seen: from then on every check reaches the throw.
    let countdown = CHECK_EVERY;
    this.check = () => {
      if (--countdown > 0) return;
      if (countdown === 0 && Atomics.load(this.raised, 0) === this.settled) {
        countdown = CHECK_EVERY;
        return;
      }
      countdown = 0;
      throw interruptedError();
    };
    this.rearm = () => (countdown = CHECK_EVERY);
  }

  /** Every Interrupt raised so far has done its work (call when a cell starts and when it ends). */
  settle(): void {
    this.settled = Atomics.load(this.raised, 0);
    this.rearm();
  }

  /** True once for Interrupt number `n` (as raiseInterrupt returned it) unless settled since. */
  isNew(n: number): boolean {
    if (n <= this.settled) return false;
    this.settled = n;
    this.rearm();
    return true;
  }
}
