import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { libraryEntry } from "../../kernel/paths";
import type { BundleTest } from "../../grader/bundle";
import { scratchRunnerOptions } from "../../grader/grading/grade-one";
import { gradingModuleOf, newNonce, testCellCode, testMessages } from "../../grader/grading/test-code";
import { type Runner, startRunner } from "../../grader/runner/index";

// What a submission's process can and cannot do, one trick at a time, in the same sandbox
// `gradlab grade` uses (Node's permission model, scrubbed environment, grading hooks).

const bundlePath = path.resolve(__dirname, "..", "fixtures", "grader", "golden", "gradients.bundle.json");
const test = (code: string): BundleTest => ({ id: "t", points: 1, hidden: true, rtol: 1e-6, atol: 1e-9, timeoutS: null, position: 1, cellId: "t", code, references: [] });

describe("a sandboxed submission process", () => {
  let runner: Runner;
  beforeAll(async () => {
    runner = await startRunner(scratchRunnerOptions({ sandbox: true, timeoutMs: 20_000, memoryMb: 512, libraryEntry }));
  });
  afterAll(async () => {
    await runner.close();
    fs.rmSync(runner.options.cwd, { recursive: true, force: true });
  });
  const denied = async (code: string) => {
    const r = await runner.execute(code);
    expect(r.status).toBe("error");
    expect(`${r.error?.evalue}`).toMatch(/Access to this API has been restricted|ERR_ACCESS_DENIED/);
  };

  it("cannot read the bundle or anything outside its scratch folder and the library", async () => {
    await denied(`require("fs").readFileSync(${JSON.stringify(bundlePath)}, "utf8")`);
    await denied(`require("fs").readdirSync("/etc")`);
  });

  it("can write only inside its scratch folder", async () => {
    expect((await runner.execute(`require("fs").writeFileSync("inside.txt", "ok")`)).status).toBe("ok");
    await denied(`require("fs").writeFileSync("/tmp/gradlab-escape.txt", "x")`);
  });

  it("cannot start processes or workers", async () => {
    await denied(`require("child_process").execSync("echo hi")`);
    await denied(`new (require("worker_threads").Worker)("0", { eval: true })`);
  });

  it("treats warnings and stderr as output, not as failures", async () => {
    const r = await runner.execute(`console.warn("careful"); console.error("to stderr"); process.emitWarning("deprecated thing"); 1`);
    expect(r.status).toBe("ok");
    expect(r.outputs.filter((o) => o.output_type === "stream").map((o) => (o as { name: string }).name)).toContain("stderr");
  });

  it("sees no environment but PATH", async () => {
    const r = await runner.execute(`console.log(Object.keys(process.env).filter((k) => k !== "GRADLAB_RUNNER").join(","))`);
    expect(r.outputs).toEqual([{ output_type: "stream", name: "stdout", text: "PATH\n" }]);
  });

  it("cannot reconnect the grading channel, and its own sends outside a test go nowhere", async () => {
    const grading = JSON.stringify(path.join(path.dirname(libraryEntry), "check", "grading.js"));
    const r = await runner.execute(`const g = require(${grading});
g.sendCheck("fake", { kind: "boolean", value: true }, {});
g.connectGrader(() => {});`);
    expect(r.error?.evalue).toMatch(/already connected/);
    expect(r.messages).toEqual([]);
  });

  it("gets built-ins, the library and check() back unpatched when a test runs", async () => {
    const patch = await runner.execute(`Math.cos = () => 42;
(Array.prototype as any).at = () => -1;
(JSON as any).stringify = () => "{}";
(Tensor.prototype as any).toArray = () => [0];
(globalThis as any).__tslab__.exports.check = () => {};`);
    expect(patch.status).toBe("ok");
    const nonce = newNonce();
    const r = await runner.execute(testCellCode(test(`check("cos", Math.cos(0));
check("at", [1, 2].at(-1)!);
check("toArray", tensor([3, 4]).toArray());`), nonce, gradingModuleOf(libraryEntry)));
    const { began, checks } = testMessages(r.messages, nonce, "t");
    expect(began?.unrestored).toEqual([]);
    expect(checks.map((c) => [c.label, c.value])).toEqual([
      ["cos", { kind: "numeric", from: "number", shape: [], data: [1] }],
      ["at", { kind: "numeric", from: "number", shape: [], data: [2] }],
      ["toArray", { kind: "numeric", from: "array", shape: [2], data: [3, 4] }],
    ]);
  });

  it("drops records that do not carry the running test's nonce", () => {
    const forged = [{ type: "gradlab/begin", nonce: "guess", test: "t", unrestored: [] }, { type: "gradlab/check", nonce: "guess", test: "t", label: "x", value: { kind: "boolean", value: true } }];
    expect(testMessages(forged, newNonce(), "t")).toEqual({ began: null, checks: [] });
  });
});
