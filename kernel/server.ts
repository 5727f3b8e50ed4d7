import { createHmac, randomBytes } from "node:crypto";
import * as jupyter from "tslab/dist/jupyter";
import type { ExecuteRequest, GradlabHandler, Publish } from "./handler";
import type { HistoryRequest } from "./history";

// tslab's ZMQ server with execute routed through GradlabHandler (which needs an IOPub publisher,
// not only stream/display writers), a correctly typed comm_info_reply, history_request, and an
// exit once the sockets are closed on shutdown.

type Message = Parameters<jupyter.ZmqServer["handleExecute"]>[1];
type Socket = Parameters<jupyter.ZmqServer["handleExecute"]>[0];

const DELIMITER = "<IDS|MSG>";

/** The kernel's sockets, speaking Jupyter messaging 5.3. */
export class GradlabServer extends jupyter.ZmqServer {
  /** `onMessage` runs after each shell message is answered (main.ts starts the compiler then). */
  constructor(
    private readonly gradlab: GradlabHandler,
    configPath: string,
    private readonly onMessage: () => void = () => {},
  ) {
    super(gradlab, configPath);
  }

  override async handleExecute(sock: Socket, msg: Message): Promise<void> {
    const publish: Publish = (msgType, content) => {
      const out = msg.createReply();
      out.header.msg_type = msgType;
      out.content = content;
      out.signAndSend(this.connInfo.key, this.iopub);
    };
    const reply = msg.createReply();
    reply.header.msg_type = "execute_reply";
    reply.content = await this.gradlab.execute(msg.content as ExecuteRequest, publish);
    reply.signAndSend(this.connInfo.key, sock);
  }

  override handleCommInfoRequest(sock: Socket, msg: Message): void {
    const reply = msg.createReply();
    reply.header.msg_type = "comm_info_reply";
    reply.content = { status: "ok", comms: {} };
    reply.signAndSend(this.connInfo.key, sock);
  }

  override async handleShellMessage(sock: Socket, ...frames: Buffer[]): Promise<void> {
    const isHistory = messageType(frames) === "history_request";
    if (isHistory) this.handleHistory(sock, frames);
    const handled = isHistory ? undefined : super.handleShellMessage(sock, ...frames);
    this.onMessage();
    await handled;
  }

  override close(): void {
    super.close();
    // The converter's file watchers and the patched stdout would otherwise keep Node alive.
    setImmediate(() => process.exit(0));
  }

  /** tslab does not know history_request; answer it with its own message framing. */
  private handleHistory(sock: Socket, frames: Buffer[]): void {
    const at = frames.findIndex((f) => f.toString() === DELIMITER);
    const [signature, ...parts] = frames.slice(at + 1).map((f) => f.toString());
    if (sign(this.connInfo.key, parts.slice(0, 4)) !== signature) return;
    const parent = JSON.parse(parts[0]!) as { session: string; username: string };
    const send = (target: Socket, msgType: string, content: object) => {
      const header = { ...parent, msg_id: randomBytes(16).toString("hex"), msg_type: msgType, date: new Date().toISOString(), version: "5.3" };
      const body = [header, parent, {}, content].map((p) => JSON.stringify(p));
      target.send([...frames.slice(0, at), Buffer.from(DELIMITER), sign(this.connInfo.key, body), ...body]);
    };
    const content = this.gradlab.handleHistory(JSON.parse(parts[3]!) as HistoryRequest);
    send(this.iopub, "status", { execution_state: "busy" });
    send(sock, "history_reply", content);
    send(this.iopub, "status", { execution_state: "idle" });
  }
}

function messageType(frames: Buffer[]): string | undefined {
  const at = frames.findIndex((f) => f.toString() === DELIMITER);
  const header = frames[at + 2];
  if (at < 0 || !header) return undefined;
  return (JSON.parse(header.toString()) as { msg_type?: string }).msg_type;
}

function sign(key: string, parts: string[]): string {
  const hmac = createHmac("sha256", key);
  for (const part of parts) hmac.update(part);
  return hmac.digest("hex");
}
