import { describe, expect, it } from "vitest";
import type * as HandlerModule from "../../kernel/handler";
import type * as OutputModule from "../../kernel/output";
import type { CellOutcome } from "../../kernel/outcome";
import type { Session } from "../../kernel/session";
import { fromDist } from "./dist";

// The protocol layer with a fake session and a recording publisher: no sockets, no TypeScript.

const { GradlabHandler } = fromDist<typeof HandlerModule>("kernel/handler");
const { libraryDisplay, clearOutput } = fromDist<typeof OutputModule>("kernel/output");

// A session that shows "show X" cells' X, twice under one display id for "progress".
function fakeSession(outcomes: Record<string, CellOutcome>, ready: Promise<void> = Promise.resolve()): Promise<Session> {
  return ready.then(() => ({
    execute: async (code: string) => {
      if (code.startsWith("show ")) libraryDisplay({ "text/plain": code.slice(5) });
      if (code === "progress") {
        clearOutput(true);
        libraryDisplay({ "text/plain": "1/2" }, { displayId: "bar" });
        libraryDisplay({ "text/plain": "2/2" }, { displayId: "bar" });
      }
      return outcomes[code] ?? { status: "ok", result: null };
    },
    interrupt: () => {},
    complete: async () => ({ start: 0, end: 2, candidates: ["tensor", "tanh"] }),
    inspect: async () => null,
    isComplete: async () => ({ status: "complete" as const }),
    declarations: "",
    describe: (thrown: unknown) => ({ ename: "Error", evalue: String(thrown), traceback: [String(thrown)] }),
    close: () => {},
  }));
}

const error = { ename: "TypeScriptError", evalue: "1:5 - bad", traceback: ["TypeScriptError: 1:5 - bad"] };

function record() {
  const sent: Array<[string, Record<string, unknown>]> = [];
  return { sent, publish: (type: string, content: object) => sent.push([type, content as Record<string, unknown>]) };
}

describe("GradlabHandler", () => {
  it("publishes execute_input, displays and execute_result with the execution count", async () => {
    const handler = new GradlabHandler(fakeSession({ "show hi": { status: "ok", result: { "text/plain": "2" } } }));
    const { sent, publish } = record();
    const reply = await handler.execute({ code: "show hi" }, publish);
    expect(reply).toMatchObject({ status: "ok", execution_count: 1 });
    expect(sent).toEqual([
      ["execute_input", { code: "show hi", execution_count: 1 }],
      ["display_data", { data: { "text/plain": "hi" }, metadata: {}, transient: {} }],
      ["execute_result", { execution_count: 1, data: { "text/plain": "2" }, metadata: {} }],
    ]);
  });

  it("shows a display id once per cell and updates it in place after, and clears output", async () => {
    const handler = new GradlabHandler(fakeSession({}));
    const { sent, publish } = record();
    await handler.execute({ code: "progress" }, publish);
    await handler.execute({ code: "progress" }, publish);
    const shown = sent.filter(([type]) => type !== "execute_input").map(([type, c]) => [type, (c.transient as { display_id?: string } | undefined)?.display_id ?? c.wait]);
    expect(shown).toEqual([
      ["clear_output", true], ["display_data", "bar"], ["update_display_data", "bar"],
      ["clear_output", true], ["display_data", "bar"], ["update_display_data", "bar"],
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

  it("answers kernel_info with status ok and TypeScript language_info, without waiting for the session", () => {
    const info = new GradlabHandler(new Promise<Session>(() => {})).handleKernel() as { language_info: object };
    expect(info).toMatchObject({ status: "ok", implementation: "gradlab", protocol_version: "5.3" });
    expect(info.language_info).toMatchObject({ name: "typescript", file_extension: ".ts", mimetype: "text/typescript" });
  });

  it("answers completion once the session is ready, and records history with results", async () => {
    let ready: () => void = () => {};
    const handler = new GradlabHandler(fakeSession({ "1+1": { status: "ok", result: { "text/plain": "2" } } }, new Promise((r) => (ready = r))));
    const early = handler.handleComplete({ code: "ta", cursor_pos: 2 });
    ready();
    expect(await early).toMatchObject({ status: "ok", matches: ["tensor", "tanh"] });
    await handler.execute({ code: "1+1" }, () => {});
    expect(handler.handleHistory({ hist_access_type: "tail", n: 1, output: true })).toEqual({ status: "ok", history: [[1, 1, ["1+1", "2"]]] });
  });
});
