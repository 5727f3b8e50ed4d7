import { type InterruptFlag, type LoopCheck, STOP_GLOBAL } from "./cells/interrupt-flag";

// The Node side of the loop check `if (__gradlabStop !== 0) __gradlab.check();` (cells/prepare.ts).
// While the global keeps the value it was created with, V8's optimising compiler folds it into a
// constant and drops the check from the loop; a store to it deoptimises that code. Only the main
// thread can store it, and it is busy in the loop, so the thread that raises an Interrupt asks V8's
// inspector to (wake-loop-checks.ts). No signal and no termination: the loop then throws an
// ordinary error at its check, so finally blocks (the library's noGrad, the cell's own) run.
// Setting the global back to 0 would leave it a variable read on every iteration; deleting and
// creating it again makes it a constant again. (This module stays free of node:inspector, which
// costs the main thread ~15 ms to load.)

const g = globalThis as unknown as Record<string, number>;

/** Create the global the loop checks read (0: no Interrupt); call before any cell runs. */
export function defineStopGlobal(): void {
  if (g[STOP_GLOBAL] === undefined) g[STOP_GLOBAL] = 0;
}

function lower(): void {
  if (g[STOP_GLOBAL] === 0) return;
  delete g[STOP_GLOBAL];
  g[STOP_GLOBAL] = 0;
}

/** The loop check over `flag`: the global wakes it, the flag decides; once it throws, every check does until the flag settles. */
export function stopGlobalCheck(flag: InterruptFlag): LoopCheck {
  return {
    pending: flag.pending,
    check() {
      // Before the flag reads its count: a wake that lands after this read is not undone.
      if (!flag.tripped) lower();
      try {
        flag.check();
      } catch (err) {
        g[STOP_GLOBAL] = 1;
        throw err;
      }
    },
  };
}
