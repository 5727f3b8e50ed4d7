import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type * as RunnerModule from "../../grader/runner/index";
import { fromDist, root } from "./dist";

// End to end through Debian's Jupyter: nbconvert, jupyter_kernel_test, and the same notebook on
// the embedded runner. Without `jupyter` these skip with the reason, except in CI where they fail.

const python = "/usr/bin/python3";
const jupyterMissing = whyJupyterMissing();
const suite = jupyterMissing ? `Jupyter end to end (skipped: ${jupyterMissing})` : "Jupyter end to end";

function whyJupyterMissing(): string | null {
  if (spawnSync("jupyter", ["--version"]).status !== 0) return "`jupyter` is not on PATH";
  const probe = spawnSync(python, ["-c", "import nbconvert, nbclient, jupyter_kernel_test"]);
  if (probe.status !== 0) return `${python} lacks nbconvert, nbclient or jupyter_kernel_test`;
  return null;
}

if (jupyterMissing && process.env.CI) {
  it("has Jupyter installed in CI", () => {
    throw new Error(`CI must run the Jupyter tests, but ${jupyterMissing}. Install jupyter-client, python3-nbclient, jupyter-nbconvert and python3-jupyter-kernel-test.`);
  });
}

const cells = [
  "manualSeed(0);\nconst x = tensor([1, 2, 3], { requiresGrad: true });\nconst y = x.mul(x).sum();\ny.backward();\nconsole.log(x.grad!.toArray());\ny",
  "show(plot.lossCurve([3, 2, 1.5, 1.2]))",
  'const bad: number = "oops";',
  'import { ones } from "gradlab";\nones([2]) instanceof Tensor',
  'await new Promise((r) => setTimeout(r, 20));\nconsole.error("late");\n"done"',
  'throw new RangeError("boom")',
  "const model: nn.Module = new nn.Linear(2, 1);\nmodel.parameters().length",
];

function writeNotebook(dir: string): string {
  const file = path.join(dir, "e2e.ipynb");
  const nb = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "gradlab", display_name: "TypeScript (gradlab)", language: "typescript" } },
    cells: cells.map((source, i) => ({ cell_type: "code", id: `cell-${i}`, metadata: {}, source, outputs: [], execution_count: null })),
  };
  writeFileSync(file, JSON.stringify(nb));
  return file;
}

type Output = Record<string, unknown>;

// nbformat stores multi-line strings as lists of lines; compare their joined text.
function normalize(outputs: Output[]): Output[] {
  const join = (v: unknown): unknown => (Array.isArray(v) && v.every((s) => typeof s === "string") ? v.join("") : v);
  return outputs.map((o) => {
    const data = o.data ? Object.fromEntries(Object.entries(o.data as Output).map(([k, v]) => [k, join(v)])) : undefined;
    return { ...o, ...("text" in o && { text: join(o.text) }), ...(data && { data }) };
  });
}

describe.skipIf(jupyterMissing !== null)(suite, () => {
  let env: NodeJS.ProcessEnv;
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "gradlab-jupyter-"));
    const prefix = path.join(dir, "prefix");
    const install = spawnSync(process.execPath, [`${root}dist/grader/cli.js`, "kernel", "install", "--prefix", prefix], { encoding: "utf8" });
    expect(install.status, install.stderr).toBe(0);
    env = { ...process.env, JUPYTER_PATH: path.join(prefix, "share", "jupyter"), PYDEVD_DISABLE_FILE_VALIDATION: "1", PYTHONDONTWRITEBYTECODE: "1" };
  });

  function nbconvert(file: string, ...flags: string[]) {
    return spawnSync("jupyter", ["nbconvert", "--to", "notebook", "--execute", ...flags, file], { env, cwd: dir, encoding: "utf8" });
  }

  it("lists the installed kernelspec", () => {
    const list = spawnSync("jupyter", ["kernelspec", "list"], { env, encoding: "utf8" });
    expect(list.stdout).toMatch(/gradlab\s+\S+gradlab/);
  });

  it("executes a notebook through nbconvert, and the runner gives the same outputs", async () => {
    const file = writeNotebook(dir);
    const run = nbconvert(file, "--allow-errors", "--output", "e2e.out.ipynb");
    expect(run.status, run.stderr).toBe(0);
    const viaJupyter = JSON.parse(readFileSync(path.join(dir, "e2e.out.ipynb"), "utf8")) as { cells: Output[] };
    expect(viaJupyter.cells.map((c) => c.execution_count)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const types = viaJupyter.cells.map((c) => (c.outputs as Output[]).map((o) => o.output_type));
    expect(types).toEqual([["stream", "execute_result"], ["display_data"], ["error"], ["execute_result"], ["stream", "execute_result"], ["error"], ["execute_result"]]);
    const [first, chart, typeError] = viaJupyter.cells.map((c) => normalize(c.outputs as Output[]));
    expect(Object.keys(first![1]!.data as Output)).toEqual(expect.arrayContaining(["text/plain", "text/html"]));
    expect(Object.keys(chart![0]!.data as Output)).toEqual(expect.arrayContaining(["application/vnd.vegalite.v5+json", "image/svg+xml", "text/plain"]));
    expect(typeError![0]).toMatchObject({ ename: "TypeScriptError", evalue: "1:7 - Type 'string' is not assignable to type 'number'." });

    const { runNotebook } = fromDist<typeof RunnerModule>("grader/runner/index");
    const { notebook } = await runNotebook(file);
    expect(notebook.cells.map((c) => c.execution_count)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(notebook.cells.map((c) => normalize(c.outputs as Output[]))).toEqual(viaJupyter.cells.map((c) => normalize(c.outputs as Output[])));
  });

  it("stops nbconvert at the first error with the TypeScript diagnostic", () => {
    const run = nbconvert(writeNotebook(dir), "--output", "e2e.strict.ipynb");
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("TypeScriptError: 1:7 - Type 'string' is not assignable to type 'number'.");
  });

  const unittest = (file: string) => spawnSync(python, ["-m", "unittest", "-v", file], { env, cwd: path.join(root, "test", "kernel"), encoding: "utf8" });

  it("passes the Jupyter kernel conformance suite (jupyter_kernel_test) and the protocol checks", () => {
    const run = unittest("test_conformance.py");
    expect(run.status, run.stderr).toBe(0);
    const skipped = run.stderr.split("\n").filter((line) => / \.\.\. skipped/.test(line));
    expect(skipped.map((line) => line.split(" ")[0])).toEqual(["test_pager"]);
  });

  it("runs cells the way a student expects: errors, Run All, interrupts, tracebacks, types, start-up, inspection, progress", () => {
    const run = unittest("test_cells.py");
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/Ran 13 tests/);
  });

  it("stays in step with a scripted jupyter console session (multi-line input, Ctrl-C, results)", () => {
    const run = unittest("test_console.py");
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/Ran 2 tests/);
    expect(run.stderr).not.toMatch(/skipped/);
  });
});
