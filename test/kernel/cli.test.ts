import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { gradlabNodeFlags } from "../../src/node-flags";
import { root } from "./dist";

// `gradlab kernel install|uninstall` and `gradlab run`, as a user types them.

const cli = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
  spawnSync(process.execPath, [`${root}dist/grader/cli.js`, ...args], { encoding: "utf8", env });
const scratch = () => mkdtempSync(path.join(tmpdir(), "gradlab-cli-"));

describe("gradlab kernel", () => {
  it("installs a kernelspec with absolute paths and a logo under --prefix, and uninstalls it", () => {
    const prefix = scratch();
    expect(cli(["kernel", "install", "--prefix", prefix]).status).toBe(0);
    const dir = path.join(prefix, "share", "jupyter", "kernels", "gradlab");
    const spec = JSON.parse(readFileSync(path.join(dir, "kernel.json"), "utf8"));
    expect(spec).toMatchObject({ display_name: "TypeScript (gradlab)", language: "typescript", interrupt_mode: "message" });
    expect(spec.argv).toEqual([process.execPath, ...gradlabNodeFlags(), path.join(root, "dist", "kernel", "main.js"), "--config-path", "{connection_file}"]);
    expect(existsSync(path.join(dir, "logo-64x64.png")) && existsSync(path.join(dir, "logo-32x32.png"))).toBe(true);
    expect(cli(["kernel", "uninstall", "--prefix", prefix]).status).toBe(0);
    expect(existsSync(dir)).toBe(false);
    expect(cli(["kernel", "uninstall", "--prefix", prefix]).status).toBe(1);
  });

  it("installs for the user into Jupyter's data directory", () => {
    const data = scratch();
    const env = { ...process.env, JUPYTER_DATA_DIR: data };
    expect(cli(["kernel", "install", "--user"], env).status).toBe(0);
    expect(existsSync(path.join(data, "kernels", "gradlab", "kernel.json"))).toBe(true);
    expect(cli(["kernel", "uninstall", "--user"], env).stdout).toContain(path.join(data, "kernels", "gradlab"));
  });
});

describe("gradlab run", () => {
  const notebook = (dir: string, sources: string[]) => {
    const file = path.join(dir, "nb.ipynb");
    const cells = sources.map((source, i) => ({ cell_type: "code", id: `c${i}`, metadata: {}, source, outputs: [], execution_count: null }));
    writeFileSync(file, JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells }));
    return file;
  };

  it("writes NAME.nbconvert.ipynb next to the notebook and exits 0 when every cell passed", () => {
    const dir = scratch();
    const run = cli(["run", notebook(dir, ["const t = tensor([1, 2]);", "t.sum().item()"])]);
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(readFileSync(path.join(dir, "nb.nbconvert.ipynb"), "utf8"));
    expect(out.cells[1].outputs[0]).toMatchObject({ output_type: "execute_result", data: { "text/plain": "3" } });
  });

  it("writes the notebook with the failure and exits 1 when a cell fails or times out", () => {
    const dir = scratch();
    const out = path.join(dir, "done.ipynb");
    const run = cli(["run", notebook(dir, ["while (true) {}", "1 + 1"]), "--out", out, "--timeout", "0.5"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/cell 1: timeout: TimeoutError/);
    const cells = JSON.parse(readFileSync(out, "utf8")).cells;
    expect(cells.map((c: { execution_count: number }) => c.execution_count)).toEqual([1, 2]);
  });

  it("exits 2 with a clear message for a file that is not a notebook", () => {
    const file = path.join(scratch(), "notes.ipynb");
    writeFileSync(file, "# just markdown");
    const run = cli(["run", file]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("is not a notebook: it is not valid JSON");
  });
});
