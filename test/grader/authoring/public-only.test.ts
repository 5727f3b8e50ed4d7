import { describe, expect, it } from "vitest";
import { parseAssignment } from "../../../grader/authoring/parse";
import { publicOnlyTests } from "../../../grader/authoring/public-only";
import type { Notebook } from "../../../grader/notebook";

// assign's warning about public tests a student could pass by typing in the public answer: only for
// names the student writes at the top level, read as code by the public test, and checked by no
// hidden test at other inputs.

const nb = (...sources: string[]): Notebook => ({
  nbformat: 4, nbformat_minor: 5, metadata: {},
  cells: sources.map((source, i) => ({ id: `c${i}`, cell_type: "code", metadata: {}, source, outputs: [], execution_count: null })),
});
const warned = (...sources: string[]) => publicOnlyTests(parseAssignment(nb(...sources), "hw.ipynb")).map(({ test, names }) => [test.id, names]);
const train = "function train(steps: number): number[] {\n  const losses: number[] = [];\n  // BEGIN SOLUTION\n  for (let i = 0; i < steps; i++) { const loss = 1 / (i + 1); losses.push(loss); }\n  // END SOLUTION\n  return losses;\n}";

describe("public tests with no hidden counterpart", () => {
  it("warns about a student's function the hidden tests never call at other inputs", () => {
    expect(warned(train, '// @test t\ncheck("last", train(5).at(-1)!);', '// @test h hidden\ncheck("same", train(5));')).toEqual([["t", ["train"]]]);
  });

  it("does not count a function's locals or words in a label as the student's names", () => {
    const pub = '// @test t partial\nconst losses = train(50);\ncheck("the loss went down", losses.at(-1)! < losses[0]);\ncheck("first loss", losses[0]);';
    expect(warned(train, pub, '// @test h hidden\ncheck("at 20 steps", train(20));')).toEqual([]);
  });

  it("counts a hidden call on data the hidden test makes itself as other inputs, even with the same argument text", () => {
    const loss = "function loss(p: number[], y: number[]): number {\n  // BEGIN SOLUTION\n  return p.reduce((s, v, i) => s + (v - y[i]) ** 2, 0);\n  // END SOLUTION\n}";
    const pub = '// @test t\n{\n  const p = [1, 2], y = [0, 0];\n  check("loss", loss(p, y));\n}';
    expect(warned(loss, pub, '// @test h hidden\n{\n  const p = [3], y = [1];\n  check("loss", loss(p, y));\n}')).toEqual([]);
    expect(warned(loss, pub, '// @test h hidden\ncheck("loss", loss(p, y));')).toEqual([["t", ["loss"]]]);
  });

  it("does not count a property of the same name, or a test's own declaration, as a read of the student's name", () => {
    const solution = "// BEGIN SOLUTION\nconst w = 2;\n// END SOLUTION";
    const hidden = '// @test h hidden\nconst { w: other } = { w: 1 };\ncheck("w", ({ w: other }).w);';
    expect(warned(solution, '// @test t\ncheck("w", w);', hidden)).toEqual([["t", ["w"]]]);
    expect(warned(solution, '// @test t\ncheck("w", w);', '// @test h hidden\ncheck("twice w", 2 * w);')).toEqual([]);
  });
});
