import { parentPort, workerData } from "node:worker_threads";
import type * as Zmq from "zeromq";
import { raiseInterrupt } from "./cells/interrupt-flag";
import { kernelMsg } from "./messages";
import { orderedSender } from "./ordered-sender";
import { kernelLog } from "./output";
import { wakeLoopChecks } from "./wake-loop-checks";
import { asBuffers, messageFrames, parseMessage, useKernelSession } from "./wire";

// The control and heartbeat channels on a thread of their own, as ipykernel runs them. Jupyter
// clients send interrupt_request here (the kernelspec's interrupt_mode is "message"): this thread
// raises the interrupt flag and wakes the main thread's loop checks at once, whatever the main
// thread is doing — a runaway loop stops at its next loop check — answers, and tells the main
// thread (which stops what awaits). Every other control request goes to the main thread, which
// answers through this thread's socket. A busy cell never stops the heartbeat either.

/** What the thread is started with. */
export interface ControlThreadData {
  control: string;
  heartbeat: string;
  key: string;
  session: string;
  flag: SharedArrayBuffer;
}

/** Main thread → control thread: frames to send on the control socket, or close both sockets and end. */
export type ToControl = { type: "send"; frames: Uint8Array[] } | { type: "close" };

/** Control thread → main thread. */
export type FromControl =
  | { type: "bound" }
  | { type: "failed"; message: string }
  | { type: "interrupt"; n: number }
  | { type: "request"; frames: Uint8Array[] };

const data = workerData as ControlThreadData;
const post = (message: FromControl) => parentPort!.postMessage(message);

async function serve(): Promise<void> {
  useKernelSession(data.session);
  const zmq = require("zeromq") as typeof Zmq;
  const control = new zmq.Router();
  const heartbeat = new zmq.Reply();
  await Promise.all([control.bind(data.control), heartbeat.bind(data.heartbeat)]);
  const out = orderedSender(control);
  let closing = false;
  parentPort!.on("message", (message: ToControl) => {
    if (message.type === "send") return out.send(asBuffers(message.frames));
    // Sockets still open when the thread ends make zeromq abort the whole process.
    closing = true;
    control.close();
    heartbeat.close();
    parentPort!.close();
  });
  post({ type: "bound" });
  void (async () => {
    for await (const frames of heartbeat) await heartbeat.send(frames).catch(() => undefined);
  })().catch(() => undefined);
  try {
    for await (const frames of control) {
      const msg = parseMessage(data.key, frames);
      if (msg?.header.msg_type !== "interrupt_request") {
        post({ type: "request", frames });
        continue;
      }
      const n = raiseInterrupt(data.flag);
      wakeLoopChecks((reason) => kernelLog(kernelMsg.wakeFailed(reason)));
      out.send(messageFrames(data.key, msg, "interrupt_reply", { status: "ok" }));
      post({ type: "interrupt", n });
    }
  } catch (err) {
    if (!closing) throw err;
  }
}

serve().catch((err: unknown) => post({ type: "failed", message: err instanceof Error ? err.message : String(err) }));
