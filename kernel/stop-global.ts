import { Session } from "node:inspector";
import { type InterruptFlag, type LoopCheck, STOP_GLOBAL } from "./cells/interrupt-flag";

// The Node side of the loop check `if (__gradlabStop !== 0) __gradlab.check();` (cells/prepare.ts).
// While the global keeps the value it was created with, V8's optimising compiler folds it into a
// constant and drops the check from the loop; a store to it deoptimises that code. Only the main
// thread can store it, and it is busy in the loop, so the thread that raises an Interrupt asks V8's
// inspector to: an in-process session's message runs on the main thread at its next interrupt
// check (every loop back-edge, or the event loop when idle), as a debugger's pause would. No signal
// and no termination: the loop then throws an ordinary error at its check, so finally blocks (the
// library's noGrad, the cell's own) run. Setting the global back to 0 would leave it a variable read
// on every iteration; deleting and creating it again makes it a constant again.

const g = globalThis as unknown as Record<string, number>;
const WAKE = { expression: `globalThis.${STOP_GLOBAL} = 1`, silent: true };

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

/** From the thread that raised the flag: make the main thread's loop checks look at it. */
export function wakeLoopChecks(onError: (message: string) => void): void {
  const session = new Session();
  session.connectToMainThread();
  session.post("Runtime.evaluate", WAKE, (err) => {
    session.disconnect();
    if (err) onError(err.message);
  });
}
