import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type * as RunnerModule from "../../grader/runner/index";
import type * as ServeModule from "../../grader/site/serve";
import { fromDist, root } from "../kernel/dist";
import { appendCell, artifacts, cellCount, codeCell, freshBrowser, kernelIdle, menu, notebookRendered, openNotebook, outputsOf, runCell, typeInto, whyBrowserMissing } from "./browser";

// The course site in Debian's Chromium, served by `gradlab site serve` on 127.0.0.1: the instructor
// build runs notebook 01 with live charts and the Node kernel's numbers; a student fills an
// exercise, self-checks it and downloads a notebook `gradlab grade` scores; a slider redraws its
// chart; Interrupt stops a runaway loop. Without Chromium these skip with the reason, except in CI.

const missing = whyBrowserMissing();
const suite = missing ? `course site in Chromium (skipped: ${missing})` : "course site in Chromium";
if (missing && process.env.CI) {
  it("has Chromium installed in CI", () => {
    throw new Error(`CI must run the browser tests, but ${missing}.`);
  });
}

const { serveSite } = fromDist<typeof ServeModule>("grader/site/serve");
const { runNotebook } = fromDist<typeof RunnerModule>("grader/runner/index");
const NB1 = "01-gradient-descent-autograd.ipynb";

// Printed at full precision in both kernels: autograd's gradients from the graph, SimpleGraph and
// the trained wide network (every parameter), after Run All of notebook 01.
const PROBE = [
  "const probeLoss = lossFunction.forward(wideNet.forward(inputs), targets);",
  "sgdOptimizer.zeroGrad();",
  "probeLoss.backward();",
  "console.log(JSON.stringify([gx.grad!.item(), gy.grad!.item(), gz.grad!.item(), simpleGraph.w.grad!.item(), simpleGraph.b.grad!.item(),",
  "  ...wideNet.parameters().flatMap((p: Tensor) => Array.from(p.grad!.reshape(-1).toArray() as number[]))]));",
].join("\n");

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(artifacts, `${name}.png`) });

describe.skipIf(missing !== null)(suite, () => {
  let instructor: ServeModule.SiteServer;
  let student: ServeModule.SiteServer;
  // Each test gets its own profile: JupyterLite keeps open tabs and edits in the browser's storage.
  let browser: BrowserContext;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    instructor = await serveSite(path.join(root, "site-instructor"), 0);
    student = await serveSite(path.join(root, "site"), 0);
  });
  beforeEach(async () => {
    browser = await freshBrowser();
  });
  afterEach(async () => {
    await browser?.close();
  });
  afterAll(async () => {
    await instructor?.close();
    await student?.close();
  });

  it("runs notebook 01 (solutions) with Vega charts, ✓ checks and the Node kernel's gradients", async () => {
    const page = await openNotebook(browser, instructor.url, NB1);
    expect(await page.evaluate(() => (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated)).toBe(true);
    await menu(page, "Run", "Run All Cells");
    await page.locator(".jp-CodeCell .jp-InputArea-prompt:text-is('[*]:')").first().waitFor();
    await kernelIdle(page, 180_000);

    expect(await page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").allTextContents()).toEqual([]);
    const graph = codeCell(page, "plot.graph(fOut)");
    const lossCurve = codeCell(page, "plot.lossCurve(losses");
    for (const chart of [graph, lossCurve]) {
      await chart.scrollIntoViewIfNeeded();
      const rendered = chart.locator(".jp-RenderedVegaCommon5 canvas, .jp-RenderedVegaCommon5 svg.marks");
      expect(await rendered.count()).toBeGreaterThan(0);
      expect(await chart.locator(".jp-RenderedSVGImage, .jp-RenderedImage").count()).toBe(0);
    }
    const checks = (await page.locator(".jp-OutputArea-output", { hasText: "✓" }).allTextContents()).join("\n").split("\n").filter((l) => l.trim());
    expect(checks.length).toBeGreaterThanOrEqual(20);
    expect(checks.every((line) => line.startsWith("✓"))).toBe(true);
    await lossCurve.scrollIntoViewIfNeeded();
    await shot(page, "notebook-01-run-all");

    const probe = await appendCell(page, PROBE);
    await runCell(page, probe);
    const browserValues = JSON.parse((await outputsOf(probe))[0]!) as number[];

    const notebook = JSON.parse(readFileSync(path.join(root, "site-instructor", "files", NB1), "utf8"));
    notebook.cells.push({ cell_type: "code", id: "probe", metadata: {}, source: PROBE, outputs: [], execution_count: null });
    // Run from a saved file, as in JupyterLab on Node: check() reads the references from it.
    const nodeFile = path.join(mkdtempSync(path.join(tmpdir(), "gradlab-site-node-")), NB1);
    writeFileSync(nodeFile, JSON.stringify(notebook));
    const node = await runNotebook(nodeFile, { timeoutMs: 120_000 });
    // check() prints the same lines; only the error detail may differ (Chromium runs the FMA build of the kernels).
    const nodeText = node.cells.flatMap((c) => c.outputs as Array<{ name?: string; text?: string }>).filter((o) => o.name === "stdout").map((o) => o.text!).join("");
    const checkLines = (text: string) => text.split("\n").filter((l) => /^[✓✗?] /.test(l)).map((l) => l.replace(/ \(max abs err [^)]*\)$/, ""));
    expect(checkLines(checks.join("\n"))).toEqual(checkLines(nodeText));
    const probeOutput = node.cells.at(-1)!.outputs[0] as { text: string };
    const nodeValues = JSON.parse(probeOutput.text) as number[];
    expect(browserValues.length).toBe(nodeValues.length);
    expect(browserValues.length).toBeGreaterThan(1500);
    const worst = Math.max(...browserValues.map((v, i) => Math.abs(v - nodeValues[i]!)));
    expect(worst).toBeLessThanOrEqual(1e-12);
  });

  it("lets a student Run All (aborted after the first failure), fill an exercise, see ✓, keep it across a reload, download the notebook and get its points from gradlab grade", async () => {
    const page = await openNotebook(browser, student.url, NB1);
    // Run All first, as students do: the first test fails, the cells queued behind it are aborted.
    await menu(page, "Run", "Run All Cells");
    const test = codeCell(page, "@test funDz-values");
    expect((await outputsOf(test)).join("")).toContain("Error: Not implemented");
    await kernelIdle(page);
    const prompts = await page.locator(".jp-CodeCell .jp-InputArea-prompt").allTextContents();
    expect(prompts.slice(0, 3)).toEqual(["[1]:", "[2]:", "[3]:"]);
    expect(new Set(prompts.slice(3))).toEqual(new Set(["[ ]:"]));

    const solution = JSON.parse(readFileSync(path.join(root, "solutions", NB1), "utf8"));
    const funDz = (solution.cells.find((c: { id: string }) => c.id === "gd-04").source as string[]).join("").replace(/^\s*\/\/ (BEGIN|END) SOLUTION\n/gm, "");
    await typeInto(page, codeCell(page, "function funDz"), funDz);
    await runCell(page, codeCell(page, "function funDz"));
    await runCell(page, test);
    // Two cells on a loaded machine take longer than expect.poll's default second.
    await expect.poll(async () => (await outputsOf(test)).join(""), { timeout: 60_000 }).toContain("✓");
    const lines = (await outputsOf(test)).join("").trim().split("\n");
    expect(lines).toEqual(["✓ dz/dx at four points", "✓ dz/dy at four points"]);
    await shot(page, "student-exercise-checked");

    // Saved edits live in the browser's storage: a reload opens the student's version.
    await page.keyboard.press("Control+s");
    await expect.poll(() => page.locator(".jp-NotebookPanel .jp-mod-dirty, .lm-TabBar-tab.jp-mod-dirty").count(), { timeout: 30_000 }).toBe(0);
    await page.reload();
    await notebookRendered(page, await cellCount(student.url, NB1));
    await kernelIdle(page);
    expect(await codeCell(page, "function funDz").locator(".cm-content").textContent()).toContain("const c = cos(x.pow(2).add(y.pow(2)));");
    const [download] = await Promise.all([page.waitForEvent("download"), menu(page, "File", "Download")]);
    const file = path.join(artifacts, "student-download.ipynb");
    await download.saveAs(file);
    const out = mkdtempSync(path.join(tmpdir(), "gradlab-site-grade-"));
    const graded = spawnSync(process.execPath, [path.join(root, "dist/grader/cli.js"), "grade", "01-gradient-descent-autograd", file, "--out", out], { cwd: root, encoding: "utf8" });
    expect(graded.status, graded.stderr).toBe(0);
    const result = JSON.parse(readFileSync(path.join(out, "results.jsonl"), "utf8").trim().split("\n")[0]!);
    const earned = Object.fromEntries(result.tests.map((t: { id: string; points: number }) => [t.id, t.points]));
    // funDz is checked by its public test and a hidden one, 2 points each; nothing else was filled in.
    expect(earned).toMatchObject({ "funDz-values": 2, "funDz-grid": 2 });
    expect(result.score).toBe(4);
  });

  it("works on once its server is gone: Run All draws the charts, and the learning-rate demo redraws when its slider moves", async () => {
    const server = await serveSite(path.join(root, "site-instructor"), 0);
    const page = await openNotebook(browser, server.url, "02-learning-hyperparameters.ipynb");
    // Loaded means loaded: once JupyterLite has read the notebook (its content, then its checkpoint:
    // two reads of files/) and the network is quiet, the page fetches nothing (the chart renderer included).
    await page.waitForFunction(() => performance.getEntriesByType("resource").filter((e) => e.name.includes("/files/")).length >= 2);
    await page.waitForLoadState("networkidle");
    await server.close();
    await menu(page, "Run", "Run All Cells");
    await page.locator(".jp-CodeCell .jp-InputArea-prompt:text-is('[*]:')").first().waitFor();
    await kernelIdle(page, 180_000);
    expect(await page.locator(".jp-OutputArea-output", { hasText: "Javascript Error" }).allTextContents()).toEqual([]);
    expect(await page.locator(".jp-RenderedVegaCommon5").count()).toBeGreaterThanOrEqual(8);
    const demo = codeCell(page, "const lrLadder");
    const slider = demo.locator(".vega-bind input[type=range]");
    const canvas = demo.locator(".jp-RenderedVegaCommon5 canvas").first();
    await slider.scrollIntoViewIfNeeded();
    const before = await canvas.evaluate((c) => (c as unknown as { toDataURL(): string }).toDataURL());
    await slider.focus();
    await page.keyboard.press("End");
    await expect.poll(() => slider.inputValue()).not.toBe("0.005");
    await expect.poll(() => canvas.evaluate((c) => (c as unknown as { toDataURL(): string }).toDataURL()), { timeout: 30_000 }).not.toBe(before);
    await demo.screenshot({ path: path.join(artifacts, "slider-moved.png") });
  });

  it("interrupts a runaway loop from the toolbar; what it declared keeps its value, errors name the cell's line", async () => {
    const page = await openNotebook(browser, student.url, "03-deep-linear-networks.ipynb");
    const loop = await appendCell(page, "let spins = 0;\nwhile (true) { spins++; }");
    const next = await appendCell(page, "spins > 0");
    const failing = await appendCell(page, "function boom(): never {\n  throw new RangeError(\"boom\");\n}\nboom();");
    const nodeOnly = await appendCell(page, "import { readFileSync } from \"fs\";\nreadFileSync");
    await runCell(page, loop);
    await page.locator(".jp-Notebook-ExecutionIndicator[data-status='busy']").waitFor();
    await page.waitForTimeout(500);
    await page.click(".jp-NotebookPanel-toolbar [data-command='notebook:interrupt-kernel']");
    expect((await outputsOf(loop, 10_000))[0]).toMatch(/^KeyboardInterrupt/);
    await kernelIdle(page);
    await runCell(page, next);
    expect(await outputsOf(next)).toEqual(["true"]);
    await loop.scrollIntoViewIfNeeded();
    await shot(page, "interrupted-loop");
    await runCell(page, failing);
    const traceback = (await outputsOf(failing)).join("\n");
    expect(traceback).toContain("RangeError: boom");
    expect(traceback).toMatch(/at boom \(cell 3, line 2\):\s+throw new RangeError\("boom"\);/);
    expect(traceback).not.toContain("gradlab-worker");
    // It type-checks (other modules are `any` in the browser), but only gradlab exists there.
    await runCell(page, nodeOnly);
    expect((await outputsOf(nodeOnly)).join("\n")).toContain(`Cannot find module 'fs': cells in the browser can import only "gradlab"`);
  });

  it("completes (Tab) and inspects (Shift+Tab) with the library's types", async () => {
    const page = await openNotebook(browser, student.url, "02-learning-hyperparameters.ipynb");
    const cell = await appendCell(page, "// completion and inspection");
    await cell.locator(".cm-content").click();
    await page.keyboard.press("Control+End");
    await page.keyboard.insertText("\nconst t = tensor([1, 2], { requiresGrad: true });\nt.back");
    await page.keyboard.press("Tab");
    const items = page.locator(".jp-Completer .jp-Completer-item");
    await items.first().waitFor();
    expect(await items.allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining("backward")]));
    await page.keyboard.press("Escape");
    await page.keyboard.insertText("ward();\nnew nn.Linear(");
    await page.keyboard.press("Shift+Tab");
    const tooltip = page.locator(".jp-Tooltip");
    await tooltip.waitFor();
    expect(await tooltip.textContent()).toMatch(/Linear\(inFeatures: number, outFeatures: number/);
    await shot(page, "inspection");
  });

  it("without cross-origin isolation, Interrupt restarts the kernel and says so; the next cell runs", async () => {
    const plain = await serveSite(path.join(root, "site"), 0, { isolate: false });
    try {
      const page = await openNotebook(browser, plain.url, "03-deep-linear-networks.ipynb");
      expect(await page.evaluate(() => (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated)).toBe(false);
      const loop = await appendCell(page, "while (true) {}");
      const next = await appendCell(page, "const two = 1 + 1;\ntwo");
      await runCell(page, loop);
      await page.locator(".jp-Notebook-ExecutionIndicator[data-status='busy']").waitFor();
      await page.click(".jp-NotebookPanel-toolbar [data-command='notebook:interrupt-kernel']");
      const said = (await outputsOf(loop, 15_000)).join("\n");
      expect(said).toContain("not cross-origin isolated");
      expect(said).toContain("KeyboardInterrupt");
      await kernelIdle(page);
      await runCell(page, next);
      expect(await outputsOf(next)).toEqual(["2"]);
    } finally {
      await plain.close();
    }
  });
});
