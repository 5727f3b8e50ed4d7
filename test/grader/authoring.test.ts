import { describe, expect, it } from "vitest";
import { parseDirective } from "../../grader/authoring/directive";
import { parseAssignment } from "../../grader/authoring/parse";
import { stripSolutions } from "../../grader/authoring/solution-regions";
import type { Notebook } from "../../grader/notebook";

// The authoring format, strictly: every mistake is an error naming the cell.

const tol = { rtol: 1e-6, atol: 1e-9 };
const nb = (...sources: string[]): Notebook => ({
  nbformat: 4, nbformat_minor: 5, metadata: {},
  cells: sources.map((source, i) => ({ id: `c${i}`, cell_type: source.startsWith("#") ? "markdown" : "code", metadata: {}, source })),
});

describe("the @test directive", () => {
  it("reads id, points, hidden, partial, tolerances and timeout", () => {
    expect(parseDirective("// @test grad-f points=2 hidden partial rtol=1e-4 atol=0 timeout=30", 3, tol)).toEqual({ id: "grad-f", points: 2, hidden: true, partial: true, rtol: 1e-4, atol: 0, timeoutS: 30 });
    expect(parseDirective("//@test t1", 3, tol)).toEqual({ id: "t1", points: 1, hidden: false, partial: false, ...tol, timeoutS: null });
  });

  it.each([
    ["// @test", /cell 4: the test directive needs an id first/],
    ["// @test points=2", /cell 4: the test directive needs an id first/],
    ["// @test t points=two", /cell 4: points=two is not a valid points/],
    ["// @test t timeout=0", /cell 4: timeout=0 is not a valid timeout; use a positive number/],
    ["// @test t hiden", /cell 4: "hiden" is not understood in the directive of test t/],
    ["// @test t points=1 points=2", /cell 4: "points" appears twice/],
  ])("rejects %s", (line, error) => {
    expect(() => parseDirective(line, 4, tol)).toThrow(error);
  });
});

describe("solution regions", () => {
  it("become an indented stub", () => {
    const src = "function f() {\n  // BEGIN SOLUTION\n  return 1;\n  // END SOLUTION\n}";
    expect(stripSolutions("code", src, 1)).toEqual({ text: 'function f() {\n  // YOUR CODE HERE\n  throw new Error("Not implemented");\n}', changed: true });
    expect(stripSolutions("markdown", "A\n<!-- BEGIN SOLUTION -->\nsecret\n<!-- END SOLUTION -->", 1).text).toBe("A\n_Type your answer here._");
  });

  it.each([
    ["// BEGIN SOLUTION\nx\n// BEGIN SOLUTION\n// END SOLUTION", "cell 2, line 3: BEGIN SOLUTION inside the region opened on line 1; regions cannot nest."],
    ["x\n// BEGIN SOLUTION\ny", "cell 2, line 2: BEGIN SOLUTION is never closed; add an END SOLUTION line."],
    ["// END SOLUTION", "cell 2, line 1: END SOLUTION without a BEGIN SOLUTION before it."],
  ])("rejects %j", (src, error) => {
    expect(() => stripSolutions("code", src, 2)).toThrow(error);
  });
});

describe("parseAssignment", () => {
  it("finds tests and solution cells", () => {
    const a = parseAssignment(nb("# intro", "// BEGIN SOLUTION\nconst x = 1;\n// END SOLUTION", '// @test t points=2\ncheck("x", x);'), "dir/hw1.ipynb");
    expect(a.name).toBe("hw1");
    expect(a.cells.map((c) => c.role)).toEqual(["plain", "solution", "test"]);
    expect(a.tests).toMatchObject([{ id: "t", points: 2, position: 2, cellId: "c2", body: 'check("x", x);' }]);
  });

  it.each([
    [["const x = 1;", '// @test t\ncheck("x", x);', '// @test t\ncheck("x", x);'], 'cell 3: test id "t" is already used by cell 2'],
    [['// @test t\ncheck("x", 1);', "const x = 1;"], "cell 1: test t comes before any code cell it could test"],
    [["const x = 1;", "// @test t\nconsole.log(x);"], "cell 2: test t never calls check(label, value)"],
    [["const x = 1;", '// @test t\n// BEGIN SOLUTION\ncheck("x", x);\n// END SOLUTION'], "cell 2: a test cell cannot contain SOLUTION markers"],
    [["const x = 1;\n// @test t", "x"], 'cell 1: "// @test" must be the first line of its cell'],
    [["const x = 1;"], "has no test cells"],
    [["const x = 1;", '// @test t\nimport * as fs from "fs";\ncheck("x", x);'], "cell 2: test t has an import"],
  ])("rejects %j", (sources, error) => {
    expect(() => parseAssignment(nb(...sources), "hw.ipynb")).toThrow(error);
  });

  it("rejects duplicate cell ids", () => {
    const n = nb("const x = 1;", '// @test t\ncheck("x", x);');
    n.cells[1].id = "c0";
    expect(() => parseAssignment(n, "hw.ipynb")).toThrow('cell 2: the cell id "c0" is already used by cell 1');
  });
});
