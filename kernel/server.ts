import * as fs from "node:fs";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import type * as Zmq from "zeromq";
import type { InterruptFlag } from "./cells/interrupt-flag";
import type { ControlThreadData, FromControl, ToControl } from "./control-thread";
import type { ExecuteRequest, GradlabHandler, Publish } from "./handler";
import type { HistoryRequest } from "./history";
import { kernelMsg } from "./messages";
import { type OrderedSender, orderedSender } from "./ordered-sender";
import { kernelLog } from "./output";
import { asBuffers, kernelSessionId, type Message, messageFrames, parseMessage } from "./wire";

// The kernel's five sockets (Jupyter messaging 5.3). Shell, IOPub and stdin live on the main
// thread; control and heartbeat on the control thread (control-thread.ts), which raises the
// interrupt flag itself and passes every other control request here. Requests are answered as
// they arrive; only execute_requests queue behind each other (GradlabHandler). After a failure
// under stop_on_error, every execute_request already waiting in the shell socket is read and
// aborted before normal service resumes, as ipykernel flushes its queue.

const CONTROL_STOP_MS = 1000;

type Send = (frames: Buffer[]) => void;

type Connection = { transport: string; ip: string; key: string; shell_port: number; control_port: number; iopub_port: number; stdin_port: number; hb_port: number };

/** The kernel's sockets, bound to the ports of a Jupyter connection file. */
export class KernelServer {
  private readonly connection: Connection;
  private sockets: { shell: Zmq.Router; iopub: Zmq.Publisher; stdin: Zmq.Router } | null = null;
  /** Where replies and IOPub messages go. */
  private out: { shell: OrderedSender; iopub: OrderedSender } | null = null;
  private control: Worker | null = null;

  /** `onMessage` runs after each request is answered (main.ts starts the session then). */
  constructor(
    private readonly handler: GradlabHandler,
    configPath: string,
    private readonly interrupts: InterruptFlag,
    private readonly onMessage: () => void = () => {},
  ) {
    this.connection = JSON.parse(fs.readFileSync(configPath, "utf8")) as Connection;
    handler.onFailure = (failedAt) => this.drain(failedAt);
  }

  /** Bind every socket and start answering. */
  async start(): Promise<void> {
    const zmq = require("zeromq") as typeof Zmq;
    const s = { shell: new zmq.Router(), iopub: new zmq.Publisher(), stdin: new zmq.Router() };
    this.sockets = s;
    this.out = { shell: orderedSender(s.shell), iopub: orderedSender(s.iopub) };
    const { transport, ip, key } = this.connection;
    const at = (port: number) => `${transport}://${ip}${transport === "ipc" ? "-" : ":"}${port}`;
    const data: ControlThreadData = {
      control: at(this.connection.control_port),
      heartbeat: at(this.connection.hb_port),
      key,
      session: kernelSessionId(),
      flag: this.interrupts.buffer,
    };
    const control = this.startControl(data);
    control.catch(() => undefined);
    await Promise.all([s.shell.bind(at(this.connection.shell_port)), s.iopub.bind(at(this.connection.iopub_port)), s.stdin.bind(at(this.connection.stdin_port))]);
    // Shell requests need no control thread: they are answered while it starts (its worker and
    // zeromq take ~0.1 s of a cold start, longer on a busy machine).
    void this.serveShell(s.shell);
    await control;
  }

  private startControl(data: ControlThreadData): Promise<void> {
    const worker = new Worker(path.join(__dirname, "control-thread.js"), { workerData: data });
    this.control = worker;
    const toControl: Send = (frames) => worker.postMessage({ type: "send", frames } satisfies ToControl);
    return new Promise((resolve, reject) => {
      worker.on("error", (err) => {
        logFailure(err);
        reject(err);
      });
      worker.on("message", (m: FromControl) => {
        if (m.type === "bound") resolve();
        else if (m.type === "failed") reject(new Error(kernelMsg.controlFailed(m.message)));
        else if (m.type === "request") void this.dispatch(toControl, asBuffers(m.frames)).catch(logFailure);
        else this.interrupted(m.n);
      });
    });
  }

  private async serveShell(shell: Zmq.Router): Promise<void> {
    try {
      for await (const frames of shell) void this.dispatch((reply) => this.out!.shell.send(reply), frames).catch(logFailure);
    } catch {
      // The socket was closed on shutdown.
    }
  }

  private publisher(msg: Message): Publish {
    return (msgType, content) => this.out!.iopub.send(messageFrames(this.connection.key, msg, msgType, content, [Buffer.from(`kernel.${msgType}`)]));
  }

  private async dispatch(sendReply: Send, frames: Buffer[]): Promise<void> {
    const msg = parseMessage(this.connection.key, frames);
    if (!msg) return kernelLog(kernelMsg.badSignature("shell or control"));
    const publish = this.publisher(msg);
    // A reply never overtakes the outputs its request published (a frontend shows them by then).
    const reply = (msgType: string, content: object) => {
      const frames = messageFrames(this.connection.key, msg, msgType, content);
      this.out!.iopub.afterQueued(() => sendReply(frames));
    };
    publish("status", { execution_state: "busy" });
    try {
      await this.answer(msg, publish, reply);
    } finally {
      publish("status", { execution_state: "idle" });
      this.onMessage();
    }
  }

  /**
   * The control thread raised Interrupt number `n` (and answered it): stop what awaits too. No
   * busy/idle status for it: an "idle" then, while the interrupted cell still unwinds, showed the
   * kernel idle before the cell's error had arrived (as a SIGINT to ipykernel shows no status).
   */
  private interrupted(n: number): void {
    if (this.interrupts.isNew(n)) this.handler.interrupt();
  }

  private async answer(msg: Message, publish: Publish, reply: (msgType: string, content: object) => void): Promise<void> {
    const h = this.handler;
    const c = msg.content;
    switch (msg.header.msg_type) {
      case "kernel_info_request":
        return reply("kernel_info_reply", h.handleKernel());
      case "execute_request":
        // Created after the run: its date is when the cell finished (nbclient times cells by it).
        return reply("execute_reply", await h.execute(c as unknown as ExecuteRequest, publish, Date.parse(msg.header.date)));
      case "is_complete_request":
        return reply("is_complete_reply", await h.handleIsComplete(c as { code: string }));
      case "complete_request":
        return reply("complete_reply", await h.handleComplete(c as { code: string; cursor_pos: number }));
      case "inspect_request":
        return reply("inspect_reply", await h.handleInspect(c as { code: string; cursor_pos: number }));
      case "history_request":
        return reply("history_reply", h.handleHistory(c as HistoryRequest));
      case "comm_info_request":
        return reply("comm_info_reply", { status: "ok", comms: {} });
      case "interrupt_request":
        h.interrupt();
        return reply("interrupt_reply", { status: "ok" });
      case "shutdown_request":
        reply("shutdown_reply", { status: "ok", restart: c.restart === true });
        setImmediate(() => void this.close());
        return;
      default:
        kernelLog(`gradlab kernel: unknown message type ${msg.header.msg_type}\n`);
    }
  }

  /**
   * Abort every execute_request already waiting in the shell socket when a cell failed, then
   * resume. The shell loop reads whatever the socket holds as soon as the event loop turns, so
   * draining lasts until a poll phase has passed (two immediates), and a request the client sent
   * after the failure (a student running the next cell at once) is never aborted. Never poll
   * `shell.readable` for this: reading ZMQ_EVENTS consumes the socket's edge-triggered
   * notification, and the next request then sat unread until another one came.
   */
  private drain(failedAt: number): void {
    this.handler.abortSentBefore = failedAt;
    setImmediate(() => setImmediate(() => (this.handler.abortSentBefore = null)));
  }

  /** Close the sockets and end the process with `code` (the converter thread would keep it alive). */
  async close(code = 0): Promise<void> {
    this.handler.close();
    const s = this.sockets;
    if (s) for (const socket of [s.shell, s.iopub, s.stdin]) socket.close();
    await this.stopControl();
    process.exit(code);
  }

  // The control thread closes its sockets before it ends (zeromq aborts the process otherwise).
  private stopControl(): Promise<void> {
    const worker = this.control;
    if (!worker) return Promise.resolve();
    return new Promise((resolve) => {
      worker.once("exit", () => resolve());
      setTimeout(resolve, CONTROL_STOP_MS).unref();
      worker.postMessage({ type: "close" } satisfies ToControl);
    });
  }
}

const logFailure = (err: unknown) => kernelLog(`gradlab kernel: ${String(err)}\n`);
