import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll } from "vitest";
import { toCheckValue } from "../../../src/check/values";
import type { AssignContext } from "../../../grader/steps/assign-context";
import type { Notebook } from "../../../grader/notebook";

// A tiny source notebook and an assign context around it, for step tests that need no runner.

const made: string[] = [];
afterAll(() => made.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A fresh temp folder, removed after the test file. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gradlab-steps-"));
  made.push(dir);
  return dir;
}

/** Source: a solution cell, a public and a hidden test. */
export const source = (): Notebook => ({
  nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { name: "gradlab", display_name: "TypeScript (gradlab)", language: "typescript" } },
  cells: [
    { id: "a", cell_type: "code", metadata: {}, source: "const x = (() => {\n  // BEGIN SOLUTION\n  return 2;\n  // END SOLUTION\n})();", outputs: [], execution_count: 1 },
    { id: "t1", cell_type: "code", metadata: {}, source: '// @test pub points=2\ncheck("x", x);', outputs: [], execution_count: 2 },
    { id: "t2", cell_type: "code", metadata: {}, source: '// @test secret points=3 hidden\ncheck("x squared", x * x);', outputs: [], execution_count: 3 },
  ],
});

/** An assign context whose source is `source()` and whose references are x = 2, x² = 4. */
export function assignContext(dir: string): AssignContext {
  const file = path.join(dir, "hw.ipynb");
  fs.writeFileSync(file, JSON.stringify(source()));
  return {
    sourceFile: file, releaseDir: path.join(dir, "release"), bundlePath: path.join(dir, "hw.json"), timeoutMs: 10_000, memoryMb: 512,
    libraryEntry: "", log: () => {},
    references: new Map([
      ["pub", [{ label: "x", value: toCheckValue(2), rtol: 1e-6, atol: 1e-9 }]],
      ["secret", [{ label: "x squared", value: toCheckValue(4), rtol: 1e-6, atol: 1e-9 }]],
    ]),
    rng: new Map([["pub", null], ["secret", null]]),
    files: [],
  };
}
