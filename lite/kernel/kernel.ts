import { KernelMessage } from "@jupyterlab/services";
import { BaseKernel, type IKernel } from "@jupyterlite/services";
import { PromiseDelegate } from "@lumino/coreutils";
import { kernelInfo } from "./kernel-info";
import { liteMsg } from "./messages";
import type { CompleteReply, ExecuteReply, InspectReply, WorkerMessage, WorkerRequest } from "./protocol";
import type { KernelWorker } from "./worker-pool";

// The JupyterLite side of the gradlab kernel: a BaseKernel whose requests go to its Web Worker,
// where cells are compiled and run. JupyterLite hands it one message at a time, so at most one
// request is in flight; the worker's outputs are published with the parent of the request they
// belong to.

type Header = KernelMessage.IHeader<KernelMessage.MessageType> | undefined;
type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never;
type Pending = { parent: Header; reply: PromiseDelegate<unknown> };

/** How long a sync loop may ignore Interrupt on a page without shared memory before the worker is replaced. */
const INTERRUPT_GRACE_MS = 1000;

/** The ids of the running gradlab kernels (the kernel client treats their queues specially). */
export const gradlabKernelIds = new Set<string>();

export class GradlabKernel extends BaseKernel {
  private readonly started = new PromiseDelegate<void>();
  private readonly pending = new Map<number, Pending>();
  private readonly send: IKernel.SendMessage;
  private nextId = 1;
  private running: number | null = null;
  // When the last cell run with stop_on_error failed (Date.now()); requests sent before are aborted.
  private failedAt = -Infinity;

  constructor(options: IKernel.IOptions, private worker: KernelWorker, private readonly respawn: () => KernelWorker) {
    super(options);
    this.send = options.sendMessage;
    gradlabKernelIds.add(options.id);
    this.attach(worker);
  }

  /** As ipykernel: with stop_on_error, the requests queued before a cell failed are answered `aborted`, unrun and uncounted. */
  override async handleMessage(msg: KernelMessage.IMessage): Promise<void> {
    const request = msg as KernelMessage.IExecuteRequestMsg;
    const queuedBeforeFailure = msg.header.msg_type === "execute_request" && request.content.stop_on_error !== false && Date.parse(msg.header.date) <= this.failedAt;
    if (!queuedBeforeFailure) return super.handleMessage(msg);
    const reply = (msgType: "status" | "execute_reply", channel: "iopub" | "shell", content: object) =>
      this.send(KernelMessage.createMessage({ msgType, channel, session: msg.header.session, parentHeader: msg.header, content } as never));
    reply("status", "iopub", { execution_state: "busy" });
    reply("execute_reply", "shell", { status: "aborted", execution_count: null });
    reply("status", "iopub", { execution_state: "idle" });
  }

  override get ready(): Promise<void> {
    return this.started.promise;
  }

  private attach(worker: KernelWorker): void {
    worker.listen((message) => this.receive(message));
    worker.ready.then(() => this.started.resolve(), (err: Error) => this.started.reject(err));
  }

  override dispose(): void {
    if (this.isDisposed) return;
    gradlabKernelIds.delete(this.id);
    this.worker.terminate();
    super.dispose();
  }

  private receive(message: WorkerMessage): void {
    if (message.type === "ready" || message.type === "failed") return;
    const parent = this.pending.get(message.id)?.parent ?? this.parentHeader;
    if (message.type === "stream") this.stream({ name: message.name, text: message.text }, parent);
    else if (message.type === "display") {
      const content = { data: message.data as never, metadata: message.metadata as never };
      const transient = { display_id: message.displayId ?? "" };
      if (message.update) this.updateDisplayData({ ...content, transient }, parent);
      else this.displayData(message.displayId ? { ...content, transient } : content, parent);
    } else if (message.type === "clear") this.clearOutput({ wait: message.wait }, parent);
    else if (message.type === "reply") {
      this.pending.get(message.id)?.reply.resolve(message.content);
      this.pending.delete(message.id);
    }
  }

  private request<T>(body: Request): { id: number; reply: Promise<T> } {
    const id = this.nextId++;
    const reply = new PromiseDelegate<unknown>();
    this.pending.set(id, { parent: this.parentHeader, reply });
    this.worker.send({ ...body, id } as WorkerRequest);
    return { id, reply: reply.promise as Promise<T> };
  }

  async kernelInfoRequest(): Promise<KernelMessage.IInfoReplyMsg["content"]> {
    return kernelInfo();
  }

  async executeRequest(content: KernelMessage.IExecuteRequestMsg["content"]): Promise<KernelMessage.IExecuteReplyMsg["content"]> {
    const parent = this.parentHeader;
    // JupyterLab sends the cell's metadata with the request: check() finds a test's references there.
    const test = (this.parent?.metadata as { gradlab?: unknown } | undefined)?.gradlab ?? null;
    const { id, reply } = this.request<ExecuteReply>({ type: "execute", code: content.code, cell: this.executionCount, test });
    this.running = id;
    const outcome = await reply.finally(() => (this.running = null));
    const execution_count = this.executionCount;
    if (outcome.status === "error") {
      if (content.stop_on_error !== false) this.failedAt = Date.now();
      this.publishExecuteError(outcome.error, parent);
      return { status: "error", execution_count, ...outcome.error };
    }
    if (outcome.result) this.publishExecuteResult({ execution_count, data: outcome.result as never, metadata: {} }, parent);
    return { status: "ok", execution_count, user_expressions: {} };
  }

  /** Stops the running cell: loops through the shared flag, awaits through a message; without shared memory a stuck loop costs the worker. */
  interrupt(): void {
    const id = this.running;
    if (id === null) return;
    this.worker.interrupt();
    if (this.worker.sharedInterrupt) return;
    setTimeout(() => {
      if (this.running === id) this.replaceWorker(id);
    }, INTERRUPT_GRACE_MS);
  }

  private replaceWorker(id: number): void {
    const parent = this.pending.get(id)?.parent;
    this.worker.terminate();
    this.worker = this.respawn();
    this.attach(this.worker);
    this.stream({ name: "stderr", text: liteMsg.restartedAfterInterrupt }, parent);
    const error = { ename: "KeyboardInterrupt", evalue: liteMsg.interruptedByRestart, traceback: [] };
    this.pending.get(id)?.reply.resolve({ status: "error", error } satisfies ExecuteReply);
    this.pending.delete(id);
  }

  async completeRequest(content: KernelMessage.ICompleteRequestMsg["content"]): Promise<KernelMessage.ICompleteReplyMsg["content"]> {
    const reply = await this.request<CompleteReply>({ type: "complete", code: content.code, cursor: content.cursor_pos }).reply;
    return { ...reply, metadata: {}, status: "ok" };
  }

  async inspectRequest(content: KernelMessage.IInspectRequestMsg["content"]): Promise<KernelMessage.IInspectReplyMsg["content"]> {
    const request = { type: "inspect" as const, code: content.code, cursor: content.cursor_pos, detail: content.detail_level };
    const reply = await this.request<InspectReply>(request).reply;
    return { status: "ok", found: reply.found, data: reply.data as never, metadata: {} };
  }

  // Only a console asks (the notebook never does), and the site has none.
  async isCompleteRequest(): Promise<KernelMessage.IIsCompleteReplyMsg["content"]> {
    return { status: "complete" };
  }

  async commInfoRequest(): Promise<KernelMessage.ICommInfoReplyMsg["content"]> {
    return { status: "ok", comms: {} };
  }

  inputReply(): void {}

  async commOpen(): Promise<void> {}

  async commMsg(): Promise<void> {}

  async commClose(): Promise<void> {}
}
