import { describe, expect, it } from "vitest";
import type * as HandlerModule from "../../kernel/handler";
import type { CellOutcome } from "../../kernel/outcome";
import type { Session } from "../../kernel/session";
import { fromDist } from "./dist";

// The protocol layer with a fake session and a recording publisher: no sockets, no TypeScript.

const { GradlabHandler } = fromDist<typeof HandlerModule>("kernel/handler");

function fakeSession(outcomes: Record<string, CellOutcome>): Promise<Session> {
  return Promise.resolve({
    execute: async (code) => {
      if (code.startsWith("print ")) process.stdout.write(code.slice(6));
      return outcomes[code] ?? { status: "ok", result: null };
    },
    interrupt: () => {},
    complete: () => ({ start: 0, end: 2, candidates: ["tensor", "tanh"] }),
    inspect: () => undefined as never,
    close: () => {},
  });
}

const error = { ename: "TypeScriptError", evalue: "1:5 - bad", traceback: ["TypeScriptError: 1:5 - bad"] };

function record() {
  const sent: Array<[string, Record<string, unknown>]> = [];
  return { sent, publish: (type: string, content: object) => sent.push([type, content as Record<string, unknown>]) };
}

describe("GradlabHandler", () => {
  it("publishes execute_input, stdout and execute_result with the execution count", async () => {
    const handler = new GradlabHandler(fakeSession({ "print hi": { status: "ok", result: { "text/plain": "2" } } }));
    const { sent, publish } = record();
    const stdout = process.stdout.write;
    const reply = await handler.execute({ code: "print hi" }, publish).finally(() => (process.stdout.write = stdout));
    expect(reply).toMatchObject({ status: "ok", execution_count: 1 });
    expect(sent).toEqual([
      ["execute_input", { code: "print hi", execution_count: 1 }],
      ["stream", { name: "stdout", text: "hi" }],
      ["execute_result", { execution_count: 1, data: { "text/plain": "2" }, metadata: {} }],
    ]);
  });

  it("replies with ename/evalue/traceback and publishes one error message", async () => {
    const handler = new GradlabHandler(fakeSession({ bad: { status: "error", error } }));
    const { sent, publish } = record();
    const reply = await handler.execute({ code: "bad" }, publish);
    expect(reply).toEqual({ status: "error", execution_count: 1, ...error });
    expect(sent.map(([type]) => type)).toEqual(["execute_input", "error"]);
  });

  it("reports a session that failed to start on every cell instead of dying", async () => {
    const handler = new GradlabHandler(Promise.reject(new Error("The gradlab library is not built")));
    expect(await handler.execute({ code: "1" }, () => {})).toMatchObject({ status: "error", ename: "KernelStartError", evalue: "The gradlab library is not built" });
  });

  it("aborts requests queued before a failure only when stop_on_error is on", async () => {
    const handler = new GradlabHandler(fakeSession({ bad: { status: "error", error } }));
    const { publish } = record();
    const keepGoing = [handler.execute({ code: "bad", stop_on_error: false }, publish), handler.execute({ code: "ok" }, publish)];
    expect((await Promise.all(keepGoing)).map((r) => (r as { status: string }).status)).toEqual(["error", "ok"]);
    const stop = [handler.execute({ code: "bad" }, publish), handler.execute({ code: "ok" }, publish)];
    expect((await Promise.all(stop)).map((r) => (r as { status: string }).status)).toEqual(["error", "aborted"]);
    expect(await handler.execute({ code: "ok" }, publish)).toMatchObject({ status: "ok", execution_count: 4 });
  });

  it("publishes nothing and keeps the count for silent requests", async () => {
    const handler = new GradlabHandler(fakeSession({ x: { status: "ok", result: { "text/plain": "1" } } }));
    const { sent, publish } = record();
    expect(await handler.execute({ code: "x", silent: true }, publish)).toMatchObject({ execution_count: 0 });
    expect(await handler.execute({ code: "x", store_history: false }, publish)).toMatchObject({ execution_count: 0 });
    expect(sent.map(([type]) => type)).toEqual(["execute_input", "execute_result"]);
  });

  it("answers kernel_info with status ok and TypeScript language_info", () => {
    const info = new GradlabHandler(fakeSession({})).handleKernel();
    expect(info).toMatchObject({ status: "ok", implementation: "gradlab", protocol_version: "5.3" });
    expect(info.language_info).toMatchObject({ name: "typescript", file_extension: ".ts", mimetype: "text/typescript" });
  });

  it("completes from the session once it is ready, and records history with results", async () => {
    const handler = new GradlabHandler(fakeSession({ "1+1": { status: "ok", result: { "text/plain": "2" } } }));
    expect(handler.handleComplete({ code: "ta", cursor_pos: 2 })).toMatchObject({ status: "ok", matches: [] });
    await handler.execute({ code: "1+1" }, () => {});
    expect(handler.handleComplete({ code: "ta", cursor_pos: 2 })).toMatchObject({ status: "ok", matches: ["tensor", "tanh"] });
    expect(handler.handleHistory({ hist_access_type: "tail", n: 1, output: true })).toEqual({ status: "ok", history: [[1, 1, ["1+1", "2"]]] });
  });
});
