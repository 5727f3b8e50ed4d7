import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as ClientModule from "../../kernel/compiler-client";
import { fromDist, miniLib } from "./dist";

// The compiler thread as the kernel starts it (warm-up between requests). is_complete must never
// queue behind a compile: jupyter console waits for it inside its Enter key handler (is-complete.ts).

const { CompilerWorker, threadChannel } = fromDist<typeof ClientModule>("kernel/compiler-client");
let worker: ClientModule.CompilerWorker;

beforeAll(async () => {
  worker = new CompilerWorker(threadChannel({ libraryEntry: miniLib, root: null, readable: null, delegateLocal: false, warmUp: "idle", parentPid: null }));
  await worker.ready;
});

afterAll(() => worker?.close());

describe("compiler thread's is_complete", () => {
  it("fails at once while the thread warms up, and answers once it is warm", async () => {
    await expect(worker.isComplete("const x = 1 +")).rejects.toThrow(/busy/);
    let answer: unknown = null;
    while (answer === null) {
      answer = await worker.isComplete("const x = 1 +").catch(() => null);
      if (answer === null) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(answer).toEqual({ status: "incomplete", indent: "" });
  });

  it("fails at once while the thread compiles a cell", async () => {
    const converting = worker.convert("", "const y: number = 2;");
    await expect(worker.isComplete("const x = 1 +")).rejects.toThrow(/busy/);
    await converting;
    expect(await worker.isComplete("1 + 1")).toEqual({ status: "complete" });
  });
});
