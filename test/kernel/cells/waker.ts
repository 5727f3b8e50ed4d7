import { Worker } from "node:worker_threads";
import { STOP_GLOBAL } from "../../../kernel/cells/interrupt-flag";

// What the kernel's control thread does on interrupt_request (raiseInterrupt, then
// kernel/wake-loop-checks.ts), from another thread while this one is busy in a loop.

const SOURCE = `const { workerData } = require("node:worker_threads"); const { Session } = require("node:inspector");
const w = new Int32Array(workerData.buffer);
setTimeout(() => {
  Atomics.add(w, 0, 1); Atomics.store(w, 1, 1);
  const s = new Session(); s.connectToMainThread();
  s.post("Runtime.evaluate", { expression: "globalThis.${STOP_GLOBAL} = 1" }, () => s.disconnect());
}, workerData.ms);`;

/** Raise the interrupt flag in `buffer` and wake the loop checks, from another thread, after `ms`. */
export function interruptFromThread(buffer: SharedArrayBuffer, ms: number): void {
  new Worker(SOURCE, { eval: true, workerData: { buffer, ms } }).unref();
}
