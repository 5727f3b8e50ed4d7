import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { assign } from "../../grader/commands/assign";

// assign refuses tests that cannot grade: failing on the solution, or passing on the blank release.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gradlab-assign-errors-"));
const write = (name: string, sources: string[]): string => {
  const file = path.join(dir, name);
  const cells = sources.map((source, i) => ({ id: `c${i}`, cell_type: "code", metadata: {}, source, outputs: [], execution_count: null }));
  fs.writeFileSync(file, JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells }));
  return file;
};
const run = (file: string) => assign(file, { releaseDir: path.join(dir, "out"), bundlePath: path.join(dir, "out", "b.json"), timeoutMs: 20_000 });

describe("assign", () => {
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("fails when a test fails on the solution, naming the test and cell", async () => {
    const file = write("broken.ipynb", ["const x = 1;", '// @test t\ncheck("x", (x as any).nope.deeper);']);
    await expect(run(file)).rejects.toThrow(/test t \(cell 2\) fails on the solution: TypeError: Cannot read properties of undefined/);
  });

  it("fails when a test passes on the blank release", async () => {
    const file = write("loose.ipynb", ["function f(): number {\n  // BEGIN SOLUTION\n  return 2;\n  // END SOLUTION\n}", '// @test t\ncheck("constant", 1);']);
    await expect(run(file)).rejects.toThrow("test t (cell 2) passes on the blank release: the tolerance does not separate right from wrong");
  });

  it("fails when the solution's value is NaN, since nothing could pass", async () => {
    const file = write("nan.ipynb", ["const x = 0 / 0;", '// @test t\ncheck("x", x);']);
    await expect(run(file)).rejects.toThrow('test t (cell 2): check "x" is NaN on the solution');
  });

  it("fails when a boolean check is false on the solution, unless it says it expects false", async () => {
    const file = write("false.ipynb", ["const losses = [1, 2];", '// @test t\ncheck("loss decreased", losses[1] < losses[0]);']);
    await expect(run(file)).rejects.toThrow('test t (cell 2): check "loss decreased" is false on the solution');
    const meant = write("meant.ipynb", ["function grows(): boolean {\n  // BEGIN SOLUTION\n  return false;\n  // END SOLUTION\n}", '// @test t\ncheck("it does not grow", grows(), { expect: false });']);
    const elsewhere = path.join(dir, "meant-out");
    await expect(assign(meant, { releaseDir: elsewhere, bundlePath: path.join(elsewhere, "b.json"), timeoutMs: 20_000 })).resolves.toBeDefined();
  });

  it("fails when the notebook reads a file beside it that is not a data file, naming it and how to declare it", async () => {
    fs.writeFileSync(path.join(dir, "values.csv"), "1\n2\n");
    const file = write("undeclared.ipynb", ['import * as fs from "fs";\nconst n = fs.readFileSync("values.csv", "utf8").trim().split("\\n").length;', '// @test t\ncheck("n", n);']);
    await expect(run(file)).rejects.toThrow(/cell 1 fails on the solution \(error\): Error: ENOENT: no such file or directory, open 'values\.csv'\. values\.csv is beside the source but is not one of its data files.*"gradlab": \{ "files": \["values\.csv"\] \}.*--files /s);
  });

  it("writes nothing when it fails", () => {
    expect(fs.existsSync(path.join(dir, "out"))).toBe(false);
  });
});
