import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { root } from "./dist";

// A student in the classic Notebook (Debian's notebook 6.4, in Chromium) working through notebook 01
// with the usual mistakes: Run All with an exercise left unfinished, a typo, a runaway loop and an
// async loop, each interrupted from the Kernel menu. Screenshots go to $GRADLAB_SCREENSHOTS if set.

const chromium = "/usr/bin/chromium";
const missing = spawnSync("jupyter", ["notebook", "--version"]).status !== 0 ? "`jupyter notebook` is not installed" : !existsSync(chromium) ? `${chromium} is missing` : null;
const suite = missing ? `classic Notebook in Chromium (skipped: ${missing})` : "classic Notebook in Chromium";
if (missing && process.env.CI) it("has the classic Notebook and Chromium in CI", () => { throw new Error(`CI must run the browser test, but ${missing}. Install jupyter-notebook and chromium.`); });

const MISTAKES = [
  "funZ(tensr([1]), tensor([2]))",
  "let steps = 0;\nwhile (true) { steps++; }",
  "steps > 0",
  "const state = { epochs: 0 };\nwhile (true) {\n  await new Promise((r) => setTimeout(r, 20));\n  state.epochs++;\n}",
  "const seen = state.epochs;\nawait new Promise((r) => setTimeout(r, 300));\nseen === state.epochs && seen > 0",
];

type Cell = { prompt: number | null | "*"; outputs: Array<{ output_type: string; text?: string; ename?: string; evalue?: string; traceback?: string[]; data?: Record<string, string> }> };

describe.skipIf(missing !== null)(suite, () => {
  let server: ChildProcess;
  let dir: string;
  let browser: import("playwright-core").Browser;
  let page: import("playwright-core").Page;
  const token = "gradlab-browser-test";
  const port = 18800 + Math.floor(Math.random() * 100);
  const shots = process.env.GRADLAB_SCREENSHOTS;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "gradlab-notebook-"));
    const prefix = path.join(dir, "prefix");
    expect(spawnSync(process.execPath, [`${root}dist/grader/cli.js`, "kernel", "install", "--prefix", prefix]).status).toBe(0);
    const nb = JSON.parse(readFileSync(path.join(root, "notebooks", "01-gradient-descent-autograd.ipynb"), "utf8")) as { cells: unknown[] };
    nb.cells.push(...MISTAKES.map((source, i) => ({ cell_type: "code", id: `mistake-${i}`, metadata: {}, source, outputs: [], execution_count: null })));
    writeFileSync(path.join(dir, "student.ipynb"), JSON.stringify(nb));
    const env = { ...process.env, JUPYTER_PATH: path.join(prefix, "share", "jupyter"), PYDEVD_DISABLE_FILE_VALIDATION: "1" };
    server = spawn("jupyter", ["notebook", "--no-browser", "--allow-root", "--ip=127.0.0.1", `--port=${port}`, `--NotebookApp.token=${token}`, `--notebook-dir=${dir}`], { env, stdio: "ignore" });
    for (let i = 0; i < 120 && !(await fetch(`http://127.0.0.1:${port}/api/status?token=${token}`).then((r) => r.ok, () => false)); i++) await new Promise((r) => setTimeout(r, 250));
    const { chromium: launcher } = await import("playwright-core");
    browser = await launcher.launch({ executablePath: chromium, headless: true, args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] });
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(`http://127.0.0.1:${port}/notebooks/student.ipynb?token=${token}`);
    await page.waitForFunction(() => (globalThis as unknown as { Jupyter?: { notebook?: { kernel?: { is_connected(): boolean } } } }).Jupyter?.notebook?.kernel?.is_connected() === true, null, { timeout: 60_000 });
  });

  afterAll(async () => {
    await browser?.close();
    server?.kill("SIGINT");
    server?.kill("SIGINT");
  });

  const cells = (): Promise<Cell[]> =>
    page.evaluate(() => {
      const nb = (globalThis as unknown as { Jupyter: { notebook: { get_cells(): Array<{ cell_type: string; input_prompt_number?: number | null | "*"; output_area?: { outputs: Cell["outputs"] } }> } } }).Jupyter.notebook;
      return nb.get_cells().filter((c) => c.cell_type === "code").map((c) => ({ prompt: c.input_prompt_number ?? null, outputs: c.output_area!.outputs }));
    });
  // Every cell has its reply (no `In [*]` left) and the kernel is idle.
  const idle = async () => {
    await page.waitForFunction(() => {
      const nb = (globalThis as unknown as { Jupyter: { notebook: { get_cells(): Array<{ cell_type: string; input_prompt_number?: unknown }> } } }).Jupyter.notebook;
      return nb.get_cells().every((c) => c.cell_type !== "code" || c.input_prompt_number !== "*");
    }, null, { timeout: 120_000 });
    await page.waitForSelector("#kernel_indicator_icon.kernel_idle_icon", { timeout: 120_000 });
  };
  const menu = async (top: string, item: string) => {
    await page.click(top);
    await page.click(item);
  };
  const shot = async (name: string) => {
    if (shots) await page.screenshot({ path: path.join(shots, `${name}.png`) });
  };
  // The last code cells are the MISTAKES, in order.
  const runMistake = async (i: number) => {
    const all = await cells();
    await page.evaluate((index) => {
      const nb = (globalThis as unknown as { Jupyter: { notebook: { select(i: number): void; execute_selected_cells(): void; get_cells(): Array<{ cell_type: string }> } } }).Jupyter.notebook;
      const code = nb.get_cells().map((c, k) => [c.cell_type, k] as const).filter(([t]) => t === "code").map(([, k]) => k);
      nb.select(code[index]!);
      nb.execute_selected_cells();
    }, all.length - MISTAKES.length + i);
  };
  const mistake = async (i: number) => (await cells()).at(i - MISTAKES.length)!;
  const busyUntil = (i: number, text: string) => page.waitForFunction(([index, want]) => {
    const nb = (globalThis as unknown as { Jupyter: { notebook: { get_cells(): Array<{ cell_type: string; input_prompt_number?: unknown }> } } }).Jupyter.notebook;
    const code = nb.get_cells().filter((c) => c.cell_type === "code");
    return code.at(index as number)?.input_prompt_number === "*" && (globalThis as unknown as { document: { querySelector(s: string): { className: string } | null } }).document.querySelector("#kernel_indicator_icon")?.className.includes(want as string);
  }, [i - MISTAKES.length, text] as const, { timeout: 60_000 });

  it("Run All stops at the unfinished exercise: later cells do not run and get no number", async () => {
    await menu("#celllink", "#run_all_cells");
    await idle();
    const all = await cells();
    const failed = all.findIndex((c) => c.outputs.some((o) => o.output_type === "error"));
    await page.evaluate(() => {
      const nb = (globalThis as unknown as { Jupyter: { notebook: { scroll_to_cell(i: number, ms: number): void; get_cells(): Array<{ output_area?: { outputs: Array<{ output_type: string }> } }> } } }).Jupyter.notebook;
      nb.scroll_to_cell(nb.get_cells().findIndex((c) => c.output_area?.outputs.some((o) => o.output_type === "error")) - 1, 0);
    });
    await shot("run-all");
    expect(all.slice(0, failed).every((c) => typeof c.prompt === "number")).toBe(true);
    const error = all[failed]!.outputs.find((o) => o.output_type === "error")!;
    expect(error).toMatchObject({ ename: "Error", evalue: "Not implemented" });
    expect(error.traceback!.join("\n")).toMatch(/at funDz \(cell 2, line 4\):\s+throw new Error\("Not implemented"\);/);
    expect(all.slice(failed + 1).map((c) => c.prompt)).toEqual(all.slice(failed + 1).map(() => null));
  });

  it("names a typo with TypeScript's suggestion", async () => {
    await runMistake(0);
    await idle();
    const error = (await mistake(0)).outputs.find((o) => o.output_type === "error")!;
    expect(error.evalue).toBe("1:6 - Cannot find name 'tensr'. Did you mean 'tensor'?");
  });

  it("interrupts a runaway loop from the Kernel menu and keeps what it computed", async () => {
    await runMistake(1);
    await busyUntil(1, "busy");
    await page.waitForTimeout(500);
    await menu("#kernellink", "#int_kernel");
    await idle();
    expect((await mistake(1)).outputs.find((o) => o.output_type === "error")).toMatchObject({ ename: "KeyboardInterrupt" });
    await runMistake(2);
    await idle();
    expect((await mistake(2)).outputs).toMatchObject([{ output_type: "execute_result", data: { "text/plain": "true" } }]);
  });

  it("interrupts an async loop for good: it does not go on in later cells", async () => {
    await runMistake(3);
    await busyUntil(3, "busy");
    await page.waitForTimeout(800);
    await menu("#kernellink", "#int_kernel");
    await idle();
    await shot("interrupt");
    expect((await mistake(3)).outputs.find((o) => o.output_type === "error")).toMatchObject({ ename: "KeyboardInterrupt" });
    await runMistake(4);
    await idle();
    expect((await mistake(4)).outputs).toMatchObject([{ output_type: "execute_result", data: { "text/plain": "true" } }]);
    await shot("after-interrupt");
  });
});
