import type { CellOutcome, MimeBundle } from "./cells/types";
import { History, type HistoryRequest } from "./history";
import { kernelMsg } from "./messages";
import { setOutputChannel } from "./output";
import { batchedStreams } from "./stream-batch";
import { packageVersion } from "./paths";
import type { Session } from "./session";
import { answerIsComplete } from "./is-complete";
import { typescriptVersion } from "./tslab";

// The kernel's answers to Jupyter requests. Execution counts, execute_result and error messages,
// ipykernel's stop_on_error (every execute_request queued behind a failure is answered `aborted`,
// without a count), and everything that needs no compiler answered at once, even while the
// session is still starting.

/** Sends one message on IOPub with the current request as parent. */
export type Publish = (msgType: string, content: object) => void;

/** The fields of an execute_request this kernel honours. */
export interface ExecuteRequest {
  code: string;
  silent?: boolean;
  store_history?: boolean;
  stop_on_error?: boolean;
}

/** The gradlab kernel's request handler over a session (which may still be starting). */
export class GradlabHandler {
  private executionCount = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private failures = 0;
  /**
   * Set by the server while it drains the shell socket after a failure: requests the client sent
   * before this time (ms since the epoch, from their headers) were queued behind the failed cell.
   */
  abortSentBefore: number | null = null;
  /** Called when a cell failed under stop_on_error, with the time (the server then drains its queue). */
  onFailure: (failedAt: number) => void = () => {};
  readonly history = new History();
  private session: Session | null = null;
  private running: { interrupted: boolean } | null = null;

  /** `starting` may still be pending: cells, completion and inspection wait for it; the rest does not. */
  constructor(private readonly starting: Promise<Session>) {
    starting.then((s) => (this.session = s)).catch(() => undefined);
  }

  handleKernel(): object {
    return {
      status: "ok",
      protocol_version: "5.3",
      implementation: "gradlab",
      implementation_version: packageVersion,
      banner: kernelMsg.banner,
      language_info: {
        name: "typescript",
        version: typescriptVersion(),
        mimetype: "text/typescript",
        file_extension: ".ts",
        pygments_lexer: "typescript",
        nbconvert_exporter: "script",
        // What makes the classic Notebook and JupyterLab highlight TypeScript (tslab#18).
        codemirror_mode: { mode: "typescript", name: "javascript", typescript: true },
      },
      help_links: [{ text: "gradlab", url: "https://github.com/gradlab/gradlab#readme" }],
    };
  }

  /**
   * Run one execute_request after the ones before it, publishing its IOPub messages; the reply.
   * `sentAt` is its header's date (NaN when it has none: then it counts as queued while draining).
   */
  execute(req: ExecuteRequest, publish: Publish, sentAt = Number.NaN): Promise<object> {
    const failuresAtArrival = this.failures;
    const abortedAtArrival = this.abortSentBefore !== null && !(sentAt >= this.abortSentBefore);
    const run = this.queue.then(() =>
      abortedAtArrival || failuresAtArrival !== this.failures ? { status: "aborted", execution_count: null } : this.executeNow(req, publish),
    );
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Interrupt what runs now: the cell, or a cell still waiting for the session to start. */
  interrupt(): void {
    if (this.running) this.running.interrupted = true;
    this.session?.interrupt();
  }

  private async executeNow(req: ExecuteRequest, publish: Publish): Promise<object> {
    const silent = req.silent === true;
    const store = !silent && req.store_history !== false;
    if (store) this.executionCount++;
    const count = this.executionCount;
    if (!silent) publish("execute_input", { code: req.code, execution_count: count });
    const quiet: Publish = silent ? () => {} : publish;
    const streams = batchedStreams((name, text) => quiet("stream", { name, text }));
    setOutputChannel({
      stream: streams.write,
      display: (data, metadata, displayId, update) => {
        streams.flush();
        quiet(update ? "update_display_data" : "display_data", { data, metadata, transient: displayId === undefined ? {} : { display_id: displayId } });
      },
      clear: (wait) => {
        streams.flush();
        quiet("clear_output", { wait });
      },
    });
    const outcome = await this.run(req.code, count);
    streams.flush();
    const text = outcome.status === "ok" ? outcome.result?.["text/plain"] : undefined;
    if (store) this.history.add(count, req.code, typeof text === "string" ? text : null);
    if (outcome.status === "error") {
      quiet("error", outcome.error);
      if (!silent && req.stop_on_error !== false) {
        this.failures++;
        this.onFailure(Date.now());
      }
      return { status: "error", execution_count: count, ...outcome.error };
    }
    if (outcome.result) quiet("execute_result", { execution_count: count, data: outcome.result as MimeBundle, metadata: {} });
    return { status: "ok", execution_count: count, payload: [], user_expressions: {} };
  }

  private async run(code: string, count: number): Promise<CellOutcome> {
    const running = { interrupted: false };
    this.running = running;
    try {
      const session = await this.starting;
      if (running.interrupted) return { status: "error", error: kernelMsg.interruptedWhileStarting() };
      return await session.execute(code, count);
    } catch (err) {
      const evalue = err instanceof Error ? err.message : String(err);
      return { status: "error", error: { ename: "KernelStartError", evalue, traceback: [evalue] } };
    } finally {
      this.running = null;
    }
  }

  /** tslab's check (plus `invalid` for code more lines cannot fix); brackets alone while it starts. */
  handleIsComplete(req: { code: string }): Promise<object> {
    const session = this.session;
    return answerIsComplete(req.code, session ? (code) => session.isComplete(code) : null);
  }

  async handleInspect(req: { code: string; cursor_pos: number }): Promise<object> {
    const text = await this.starting.then((s) => s.inspect(req.code, req.cursor_pos)).catch(() => null);
    if (!text) return { status: "ok", found: false, data: {}, metadata: {} };
    return { status: "ok", found: true, data: { "text/plain": text }, metadata: {} };
  }

  async handleComplete(req: { code: string; cursor_pos: number }): Promise<object> {
    const empty = { start: req.cursor_pos, end: req.cursor_pos, candidates: [] as string[] };
    const info = await this.starting.then((s) => s.complete(req.code, req.cursor_pos)).catch(() => empty);
    return { cursor_start: info.start, cursor_end: info.end, matches: info.candidates, metadata: {}, status: "ok" };
  }

  /** Answer a history_request from this session's executed cells. */
  handleHistory(req: HistoryRequest): object {
    return { status: "ok", history: this.history.query(req) };
  }

  close(): void {
    this.session?.close();
  }
}
