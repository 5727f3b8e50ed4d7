import type { Executor } from "tslab/dist/executor";
import { printQuickInfo } from "tslab/dist/inspect";
import { displayBundle, diagnosticsError, thrownError } from "../../kernel/outcome";
import type { CompleteReply, ExecuteReply, InspectReply } from "../kernel/protocol";
import { libraryEntry, loadLibrary } from "./library";
import { workerMsg } from "./messages";

// INTEGRATION POINT (issue 11): the browser host's cell session. Until the platform-neutral
// cell-semantics core of issue 11 lands, this drives tslab's converter and executor exactly as
// kernel/session.ts does today (same converter, same executor, same outcome mapping); the
// browser-specific parts (TypeScript's in-memory sys, vm/module shims, interrupt checks) are the
// host and stay when the core replaces this file's body.

/** A live cell session inside the worker. */
export interface WorkerSession {
  execute(code: string): Promise<ExecuteReply>;
  complete(code: string, cursor: number): CompleteReply;
  inspect(code: string, cursor: number): InspectReply;
  /** Rejects the cell's pending top-level await (sync loops stop on the shared interrupt flag). */
  interrupt(): void;
}

type Console = { log(value?: unknown): void; error(message?: unknown, ...params: unknown[]): void };

/** Builds the converter over the mounted file image and runs the prelude. */
export async function startWorkerSession(): Promise<WorkerSession> {
  const { createConverter } = require("tslab/dist/converter") as typeof import("tslab/dist/converter");
  const { createExecutor } = require("tslab/dist/executor") as typeof import("tslab/dist/executor");
  const node = createConverter({ isJS: false, isBrowser: false });
  let value: unknown;
  let diagnostics: string[] = [];
  let thrown: unknown = null;
  const console: Console = {
    log: (v) => (value = v),
    error: (message, ...params) => {
      if (message === "%s%d:%d - %s") {
        const [file, line, column, text] = params as [string, number, number, string];
        diagnostics.push(`${file}${line}:${column} - ${text}`);
      } else if (thrown === null) thrown = message ?? new Error("Cell failed");
    },
  };
  const convs = { node, get browser(): never { throw new Error("%% browser cells are not supported."); }, close: () => node.close() };
  const executor: Executor = createExecutor("/", convs, console);
  let cancelWait: (reason: Error) => void = () => {};

  async function execute(code: string): Promise<ExecuteReply> {
    value = undefined;
    diagnostics = [];
    thrown = null;
    const ok = await executor.execute(code);
    if (diagnostics.length > 0) return { status: "error", error: diagnosticsError(diagnostics) };
    if (!ok || thrown !== null) return { status: "error", error: thrownError(thrown ?? new Error("Cell failed")) };
    try {
      const v = value instanceof Promise ? await Promise.race([value, new Promise<never>((_, reject) => (cancelWait = reject))]) : value;
      return { status: "ok", result: v === undefined || v === null ? null : await displayBundle(v) };
    } catch (err) {
      return { status: "error", error: thrownError(err) };
    }
  }

  const prelude = await execute(preludeSource());
  if (prelude.status === "error") throw new Error(workerMsg.preludeFailed(prelude.error.evalue));
  return {
    execute,
    complete(code, cursor) {
      const info = executor.complete(code, cursor);
      return { matches: info.candidates, cursor_start: info.start, cursor_end: info.end };
    },
    inspect(code, cursor) {
      const info = executor.inspect(code, cursor);
      return info ? { found: true, data: { "text/plain": printQuickInfo(info) } } : { found: false, data: {} };
    },
    interrupt() {
      executor.interrupt();
      cancelWait(new Error("Interrupted asynchronously"));
    },
  };
}

// The Node kernel's prelude (kernel/library-module.ts) imports every export of the library by
// its path; the same list, read from the bundled module.
function preludeSource(): string {
  const { preludeSource: source } = require("../../kernel/library-module") as typeof import("../../kernel/library-module");
  return source(libraryEntry, loadLibrary());
}
