import * as os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { libraryEntry } from "../../../kernel/paths";
import type { BundleTest } from "../../../grader/bundle";
import { gradingRunnerOptions } from "../../../grader/grading/embedded";
import { newNonce, testCellCode, testRecords } from "../../../grader/grading/test-code";
import { type Runner, startRunner } from "../../../grader/runner/index";

// Contract test of the one adapter to tslab's internals the harness uses (grader/harness/tslab-holder.ts):
// tslab 1.0.22 runs every cell through `__tslab__.exports`; if an update changes that, the harness
// refuses to start and these fail.

const test = (code: string): BundleTest => ({ id: "t", points: 1, hidden: false, rtol: 1e-6, atol: 1e-9, timeoutS: null, position: 1, cellId: "t", code, references: [], partial: false, rng: null });

describe("tslab's holder under the grading harness", () => {
  let runner: Runner;
  beforeAll(async () => {
    runner = await startRunner(gradingRunnerOptions({ cwd: os.tmpdir(), timeoutMs: 20_000, libraryEntry }));
  });
  afterAll(() => runner?.close());
  const runTest = async (code: string) => {
    const nonce = newNonce();
    const r = await runner.execute(testCellCode(test(code)), { test: { nonce, id: "t" } });
    return testRecords(r.messages, runner.harnessKey, nonce, "t");
  };

  it("keeps `check` the library's: a cell cannot declare or assign its own, importing it is fine", async () => {
    expect((await runner.execute("const check = (l: string) => l;")).error?.evalue).toMatch(/check is the grader's function in this notebook/);
    expect((await runner.execute('import { check } from "gradlab";\ntypeof check')).status).toBe("ok");
    expect((await runTest('check("one", 1);')).checks.map((c) => c.label)).toEqual(["one"]);
  });

  it("puts the holder, its exports and its require back before a test, and names a change made during one", async () => {
    await runner.execute("(globalThis as any).__tslab__.exports = {}; (globalThis as any).__tslab__.require = () => ({});");
    expect(await runTest('check("after", 2);')).toMatchObject({ began: { unrestored: [] }, modified: [], checks: [{ label: "after" }] });
    const during = await runTest('(globalThis as any).__tslab__.require = () => ({});\ncheck("during", 3);');
    expect(during.modified).toEqual(["__tslab__.require"]);
  });
});
