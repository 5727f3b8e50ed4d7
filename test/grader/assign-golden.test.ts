import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assign } from "../../grader/commands/assign";
import { validateNotebook } from "../../grader/notebook";

// The release and bundle of the fixture assignment against committed goldens (otter's
// --update-goldens): GRADLAB_UPDATE_GOLDENS=1 npx vitest run test/grader/assign-golden.test.ts

const fixtures = path.join(__dirname, "..", "fixtures", "grader");
const golden = (name: string) => path.join(fixtures, "golden", name);
const update = process.env.GRADLAB_UPDATE_GOLDENS === "1";

describe("gradlab assign on the fixture assignment", () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "gradlab-assign-"));
  const log: string[] = [];
  beforeAll(async () => {
    await assign(path.join(fixtures, "gradients.ipynb"), { releaseDir: out, bundlePath: path.join(out, "gradients.json"), log: (l) => log.push(l) });
    if (update) {
      fs.copyFileSync(path.join(out, "gradients.ipynb"), golden("gradients.ipynb"));
      fs.copyFileSync(path.join(out, "gradients.json"), golden("gradients.bundle.json"));
    }
  });

  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  it("writes the release the golden file holds", () => {
    expect(fs.readFileSync(path.join(out, "gradients.ipynb"), "utf8")).toBe(fs.readFileSync(golden("gradients.ipynb"), "utf8"));
  });

  it("writes the bundle the golden file holds", () => {
    expect(fs.readFileSync(path.join(out, "gradients.json"), "utf8")).toBe(fs.readFileSync(golden("gradients.bundle.json"), "utf8"));
  });

  it("writes a valid nbformat 4.5 release with no solutions, outputs or hidden test code", () => {
    const text = fs.readFileSync(path.join(out, "gradients.ipynb"), "utf8");
    const nb = validateNotebook(JSON.parse(text));
    expect(nb.nbformat_minor).toBe(5);
    expect(text).not.toContain("Math.cos");
    expect(text).not.toContain("BEGIN SOLUTION");
    expect(text).not.toContain("losses with lr 0.01");
    expect(nb.cells.every((c) => c.cell_type !== "code" || (c.outputs?.length === 0 && c.execution_count === null))).toBe(true);
    expect(nb.metadata.kernelspec).toMatchObject({ name: "gradlab" });
  });

  it("reports what it did", () => {
    expect(log).toEqual([
      "gradients: 12 cells, 4 tests (2 hidden)",
      "warning: public test grad-f (cell 5) checks gradF, which no hidden test checks at other inputs: a student can pass it by typing in the public answer. Add a hidden test that calls it with other inputs.",
      "warning: public test train-loss (cell 11) checks losses, which no hidden test checks at other inputs: a student can pass it by typing in the public answer. Add a hidden test that calls it with other inputs.",
      "solution: all 4 tests ran (twice, from two seeds: same references); 7 reference values recorded",
      "blank release: all 4 tests fail, as they should",
      `wrote ${path.join(out, "gradients.ipynb")} and ${path.join(out, "gradients.json")}`,
    ]);
  });
});
