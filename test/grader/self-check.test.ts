import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { selfCheck } from "../../grader/commands/check";
import { runNotebook } from "../../grader/runner/index";

// gradlab check: public tests only, and an honest summary of what it did not run.

const submissions = path.join(__dirname, "..", "fixtures", "grader", "submissions");

describe("gradlab check", () => {
  it("passes a correct notebook and names the hidden tests it did not run", async () => {
    const r = await selfCheck(path.join(submissions, "correct.ipynb"));
    expect(r.allPassed).toBe(true);
    expect(r.lines).toEqual([
      "✓ grad-f (2/2 points)", "    ✓ gradient at (1, 2)", "    ✓ gradient at (0.5, -1)",
      "✓ train-loss (2/2 points)", "    ✓ loss decreased", "    ✓ final loss",
      "2/2 public tests passed; 2 hidden tests worth 6 points run at grading",
    ]);
  });

  it("fails a partial notebook with the reason", async () => {
    const r = await selfCheck(path.join(submissions, "partial.ipynb"));
    expect(r.allPassed).toBe(false);
    expect(r.lines).toContain("! cell 10 error: Error: Not implemented");
    // The failed cell's `losses` stays declared, so the test says why it has no value (no "Cannot find name" cascade).
    expect(r.lines).toContain("✗ train-loss (0/2 points): ReferenceError: 'losses' was not initialised because cell 10 failed before reaching its declaration. Fix cell 10 and run it again.");
    expect(r.lines.at(-1)).toBe("1/2 public tests passed; 2 hidden tests worth 6 points run at grading");
  });

  it("works in the student's kernel too: a released public test cell prints its ✓/✗ lines", async () => {
    const { notebook } = await runNotebook(path.join(submissions, "wrong-answer.ipynb"), { timeoutMs: 30_000 });
    const text = (id: string) => JSON.stringify(notebook.cells.find((c) => c.id === id)!.outputs);
    expect(text("grad-f-test")).toContain("✗ gradient at (1, 2): values differ by more than the tolerance");
    expect(text("train-test")).toContain("✗ loss decreased: expected true, got false");
    expect(text("grad-autograd-test")).toBe("[]");
  });
});
