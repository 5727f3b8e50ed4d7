import { Session } from "node:inspector";
import { STOP_GLOBAL } from "./cells/interrupt-flag";

// The other half of stop-global.ts, on the thread that raises an Interrupt (the kernel's control
// thread): an in-process inspector session's message runs on the main thread at its next interrupt
// check (every loop back-edge, or in the event loop when idle), as a debugger's pause would, and
// stores the global the loop checks read.

const WAKE = { expression: `globalThis.${STOP_GLOBAL} = 1`, silent: true };

/** From the thread that raised the flag: make the main thread's loop checks look at it. */
export function wakeLoopChecks(onError: (message: string) => void): void {
  const session = new Session();
  try {
    session.connectToMainThread();
    session.post("Runtime.evaluate", WAKE, (err) => {
      session.disconnect();
      if (err) onError(err.message);
    });
  } catch (err) {
    onError(err instanceof Error ? err.message : String(err));
  }
}
