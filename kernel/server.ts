import * as fs from "node:fs";
import type * as Zmq from "zeromq";
import type { ExecuteRequest, GradlabHandler, Publish } from "./handler";
import type { HistoryRequest } from "./history";
import { kernelMsg } from "./messages";
import { kernelLog } from "./output";
import { type Message, messageFrames, parseMessage } from "./wire";

// The kernel's five sockets (Jupyter messaging 5.3). Shell and control requests are answered as
// they arrive; only execute_requests queue behind each other (GradlabHandler). After a failure
// under stop_on_error, every execute_request already waiting in the shell socket is read and
// aborted before normal service resumes, as ipykernel flushes its queue.

type Connection = { transport: string; ip: string; key: string; shell_port: number; control_port: number; iopub_port: number; stdin_port: number; hb_port: number };

/** The kernel's sockets, bound to the ports of a Jupyter connection file. */
export class KernelServer {
  private readonly connection: Connection;
  private sockets: { shell: Zmq.Router; control: Zmq.Router; iopub: Zmq.Publisher; stdin: Zmq.Router; hb: Zmq.Reply } | null = null;

  /** `onMessage` runs after each request is answered (main.ts starts the session then). */
  constructor(
    private readonly handler: GradlabHandler,
    configPath: string,
    private readonly onMessage: () => void = () => {},
  ) {
    this.connection = JSON.parse(fs.readFileSync(configPath, "utf8")) as Connection;
    handler.onFailure = () => this.drain();
  }

  /** Bind every socket and start answering. */
  async start(): Promise<void> {
    const zmq = require("zeromq") as typeof Zmq;
    const s = { shell: new zmq.Router(), control: new zmq.Router(), iopub: new zmq.Publisher(), stdin: new zmq.Router(), hb: new zmq.Reply() };
    this.sockets = s;
    const { transport, ip } = this.connection;
    const at = (port: number) => `${transport}://${ip}${transport === "ipc" ? "-" : ":"}${port}`;
    await Promise.all([
      s.shell.bind(at(this.connection.shell_port)),
      s.control.bind(at(this.connection.control_port)),
      s.iopub.bind(at(this.connection.iopub_port)),
      s.stdin.bind(at(this.connection.stdin_port)),
      s.hb.bind(at(this.connection.hb_port)),
    ]);
    void this.serve(s.shell);
    void this.serve(s.control);
    void (async () => {
      for await (const frames of s.hb) await s.hb.send(frames).catch(() => undefined);
    })().catch(() => undefined);
  }

  private async serve(socket: Zmq.Router): Promise<void> {
    try {
      for await (const frames of socket) void this.dispatch(socket, frames).catch((err: unknown) => kernelLog(`gradlab kernel: ${String(err)}\n`));
    } catch {
      // The socket was closed on shutdown.
    }
  }

  private send(socket: Zmq.Router | Zmq.Publisher, frames: Buffer[]): void {
    socket.send(frames).catch(() => undefined);
  }

  private async dispatch(socket: Zmq.Router, frames: Buffer[]): Promise<void> {
    const msg = parseMessage(this.connection.key, frames);
    if (!msg) return kernelLog(kernelMsg.badSignature("shell"));
    const s = this.sockets!;
    const publish: Publish = (msgType, content) => this.send(s.iopub, messageFrames(this.connection.key, msg, msgType, content, [Buffer.from(`kernel.${msgType}`)]));
    const reply = (msgType: string, content: object) => this.send(socket, messageFrames(this.connection.key, msg, msgType, content));
    publish("status", { execution_state: "busy" });
    try {
      await this.answer(msg, publish, reply);
    } finally {
      publish("status", { execution_state: "idle" });
      this.onMessage();
    }
  }

  private async answer(msg: Message, publish: Publish, reply: (msgType: string, content: object) => void): Promise<void> {
    const h = this.handler;
    const c = msg.content;
    switch (msg.header.msg_type) {
      case "kernel_info_request":
        return reply("kernel_info_reply", h.handleKernel());
      case "execute_request":
        // Created after the run: its date is when the cell finished (nbclient times cells by it).
        return reply("execute_reply", await h.execute(c as unknown as ExecuteRequest, publish));
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
        setImmediate(() => this.close());
        return;
      default:
        kernelLog(`gradlab kernel: unknown message type ${msg.header.msg_type}\n`);
    }
  }

  /** Abort every execute_request already waiting in the shell socket, then resume. */
  private drain(): void {
    this.handler.aborting = true;
    const check = () => {
      if (this.sockets?.shell.readable) setImmediate(check);
      else this.handler.aborting = false;
    };
    setImmediate(check);
  }

  /** Close the sockets and end the process (the converter thread would keep it alive). */
  close(): void {
    this.handler.close();
    const s = this.sockets;
    if (s) for (const socket of [s.shell, s.control, s.iopub, s.stdin, s.hb]) socket.close();
    setImmediate(() => process.exit(0));
  }
}
