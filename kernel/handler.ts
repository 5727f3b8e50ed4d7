import * as jupyter from "tslab/dist/jupyter";
import type { Executor } from "tslab/dist/executor";
import { printQuickInfo } from "tslab/dist/inspect";
import type { Session } from "./session";
import { History, type HistoryRequest } from "./history";
import { packageVersion } from "./paths";

// tslab's handler with the protocol gaps closed: execution counts, execute_result, error messages,
// no blanket abort window after an error, a complete kernel_info. tslab's own is-complete check
// and stdout capture are reused.

/** Sends one message on IOPub with the current request as parent. */
export type Publish = (msgType: string, content: object) => void;

/** The fields of an execute_request this kernel honours. */
export interface ExecuteRequest {
  code: string;
  silent?: boolean;
  store_history?: boolean;
  stop_on_error?: boolean;
}

type Writable = { write: (chunk: string | Uint8Array) => boolean };
type DisplayWriter = (data: object, update: boolean) => void;

type TsParser = { createSourceFile(name: string, text: string, target: number): { parseDiagnostics?: unknown[] } };

const SCRIPT_TARGET_LATEST = 99;

// Any parse error left in code that tslab judged complete cannot be fixed by typing more.
function hasSyntaxError(code: string): boolean {
  const ts = require("@tslab/typescript-for-tslab") as TsParser;
  return (ts.createSourceFile("cell.ts", code, SCRIPT_TARGET_LATEST).parseDiagnostics?.length ?? 0) > 0;
}

// The executor is unused by the base class once execute, complete and inspect are overridden.
const unusedExecutor = {} as Executor;

/** The gradlab kernel's request handler over a session (which may still be starting). */
export class GradlabHandler extends jupyter.JupyterHandlerImpl {
  private executionCount = 0;
  private queue: Promise<unknown> = Promise.resolve();
  // Requests queued before a failed cell (with stop_on_error) are aborted, as in ipykernel.
  private failures = 0;
  readonly history = new History();
  private session: Session | null = null;

  /** `session` may still be starting: cells wait for it, completion answers nothing until then. */
  constructor(private readonly starting: Promise<Session>) {
    super(unusedExecutor, false);
    starting.then((s) => (this.session = s)).catch(() => undefined);
  }

  override handleKernel(): ReturnType<jupyter.JupyterHandlerImpl["handleKernel"]> & { status: "ok" } {
    const reply = super.handleKernel();
    return {
      ...reply,
      status: "ok",
      implementation: "gradlab",
      implementation_version: packageVersion,
      banner: "TypeScript (gradlab) — tensors, autograd, nn and optim preloaded",
      language_info: {
        ...reply.language_info,
        version: require("@tslab/typescript-for-tslab/package.json").version as string,
        pygments_lexer: "typescript",
        nbconvert_exporter: "script",
      },
      help_links: [{ text: "gradlab", url: "https://github.com/gradlab/gradlab#readme" }],
    };
  }

  /** Run one execute_request in order, publishing its IOPub messages, and build the reply. */
  execute(req: ExecuteRequest, publish: Publish): Promise<object> {
    const failuresAtArrival = this.failures;
    const run = this.queue.then(() => this.executeNow(req, publish, failuresAtArrival));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async executeNow(req: ExecuteRequest, publish: Publish, failuresAtArrival: number): Promise<object> {
    if (failuresAtArrival !== this.failures) return { status: "aborted", execution_count: this.executionCount };
    const silent = req.silent === true;
    const store = !silent && req.store_history !== false;
    if (store) this.executionCount++;
    const count = this.executionCount;
    if (!silent) publish("execute_input", { code: req.code, execution_count: count });
    const quiet: Publish = silent ? () => {} : publish;
    const stream = (name: string, text: string) => quiet("stream", { name, text });
    (process.stdout as Writable).write = this.createWriteToIopub("stdout", stream);
    (process.stderr as Writable).write = this.createWriteToIopub("stderr", stream);
    const display: DisplayWriter = (data, update) => quiet(update ? "update_display_data" : "display_data", data);
    (jupyter as { lastWriteDisplayData: DisplayWriter }).lastWriteDisplayData = display;
    const outcome = await this.starting.then(
      (session) => session.execute(req.code),
      (err: Error) => ({ status: "error" as const, error: { ename: "KernelStartError", evalue: err.message, traceback: [err.message] } }),
    );
    const text = outcome.status === "ok" ? outcome.result?.["text/plain"] : undefined;
    if (store) this.history.add(count, req.code, typeof text === "string" ? text : null);
    if (outcome.status === "error") {
      quiet("error", outcome.error);
      if (req.stop_on_error !== false) this.failures++;
      return { status: "error", execution_count: count, ...outcome.error };
    }
    if (outcome.result) quiet("execute_result", { execution_count: count, data: outcome.result, metadata: {} });
    return { status: "ok", execution_count: count, payload: [], user_expressions: {} };
  }

  /** tslab answers complete or incomplete; code that more lines cannot fix is reported invalid. */
  override handleIsComplete(req: { code: string }): ReturnType<jupyter.JupyterHandlerImpl["handleIsComplete"]> {
    const reply = super.handleIsComplete(req);
    return reply.status === "complete" && hasSyntaxError(req.code) ? { status: "invalid" } : reply;
  }

  override handleInspect(req: { code: string; cursor_pos: number }): ReturnType<jupyter.JupyterHandlerImpl["handleInspect"]> {
    const info = this.session?.inspect(req.code, req.cursor_pos);
    if (!info) return { status: "ok", found: false, data: {}, metadata: {} };
    return { status: "ok", found: true, data: { "text/plain": printQuickInfo(info) }, metadata: {} };
  }

  override handleComplete(req: { code: string; cursor_pos: number }): ReturnType<jupyter.JupyterHandlerImpl["handleComplete"]> {
    const info = this.session?.complete(req.code, req.cursor_pos) ?? { start: req.cursor_pos, end: req.cursor_pos, candidates: [] };
    return { cursor_start: info.start, cursor_end: info.end, matches: info.candidates, metadata: {}, status: "ok" };
  }

  /** Answer a history_request from this session's executed cells. */
  handleHistory(req: HistoryRequest): object {
    return { status: "ok", history: this.history.query(req) };
  }

  override handleShutdown(req: { restart: boolean }): { restart: boolean } {
    return { restart: req.restart === true };
  }

  override close(): void {
    this.session?.close();
  }
}
