import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import type * as RunnerModule from "../../grader/runner/index";
import { fromDist } from "../kernel/dist";

// The runner's child stops a cell at its time limit with Node's breakOnSigint, whose termination
// skips finally blocks. A student's loop stopped inside noGrad must still leave grad mode on for
// the cells and hidden tests after it, as Python's `with torch.no_grad():` does on KeyboardInterrupt.

const { startRunner } = fromDist<typeof RunnerModule>("grader/runner/index");

describe("a cell stopped at its time limit", () => {
  it("inside noGrad leaves grad mode on for the next cells", async () => {
    const runner = await startRunner({ cwd: mkdtempSync(path.join(tmpdir(), "gradlab-stop-state-")), timeoutMs: 20_000, memoryMb: 512 });
    try {
      await runner.execute("const w = tensor([1, 2], { requiresGrad: true });");
      expect(await runner.execute("noGrad(() => { while (true) {} })", { timeoutMs: 1000 })).toMatchObject({ status: "timeout" });
      const after = await runner.execute("[isGradEnabled(), w.mul(2).requiresGrad]");
      expect(after).toMatchObject({ status: "ok", outputs: [{ data: { "text/plain": "[ true, true ]" } }] });
    } finally {
      await runner.close();
    }
  }, 60_000);
});
