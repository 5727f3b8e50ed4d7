// The course site (npm run site) in Debian's Chromium: page load → kernel ready with a cold cache
// (fresh profile) and a warm one (reload), Run All of notebook 01 against the same notebook on the
// embedded Node runner (the Node kernel's compile and run semantics), and the bytes transferred
// (gzip, as `gradlab site serve` sends them) for a first visit, and the worker's start-up phases.
// One JSON line per result.
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const { serveSite } = require(join(root, "dist/grader/site/serve.js"));
const { startRunner, runNotebook } = require(join(root, "dist/grader/runner/index.js"));
const { buildSites, targets } = await import(join(root, "lite/build/site.mjs"));
const COLD = Number(process.env.BENCH_SITE_COLD ?? 5);
const WARM = Number(process.env.BENCH_SITE_WARM ?? 5);
const RUN_ALL = Number(process.env.BENCH_SITE_RUN_ALL ?? 3);
const NB1 = "01-gradient-descent-autograd.ipynb";
const flags = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function report(name, samples, unit, target) {
  const line = { workload: "site", case: name, unit, median: +median(samples).toFixed(2), min: +Math.min(...samples).toFixed(2), max: +Math.max(...samples).toFixed(2), n: samples.length };
  if (target !== undefined) Object.assign(line, { target, met: median(samples) <= target });
  console.log(JSON.stringify(line));
}

const browser = () => chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "gradlab-bench-chromium-")), { executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", headless: true, args: flags, viewport: { width: 1400, height: 900 } });

// From navigation start to the status bar showing the kernel idle (it is idle only after the worker is ready).
async function loadToReady(page, url) {
  await page.goto(url);
  return page.evaluate(() => new Promise((resolve) => {
    const poll = () => {
      const idle = [...document.querySelectorAll(".jp-StatusBar-TextItem")].some((e) => /TypeScript \(gradlab\) \| Idle/.test(e.textContent ?? ""));
      if (idle) resolve(performance.now());
      else requestAnimationFrame(poll);
    };
    poll();
  }));
}

// Which of the two paths to "ready" was the longer: the page's (JupyterLab asks for the kernel once
// the notebook is read) or the worker's (TypeScript built, prelude run), ms from navigation start.
function pathsToReady(page) {
  return page.evaluate(() => ({
    requested: performance.getEntriesByName("gradlab:kernel-requested")[0]?.startTime ?? NaN,
    worker: performance.getEntriesByName("gradlab:kernel-ready")[0]?.startTime ?? NaN,
  }));
}

// The worker's own account of its start-up (ms per phase), from the mark the kernel sets when it is ready.
function workerPhases(page) {
  return page.evaluate(() => performance.getEntriesByName("gradlab:kernel-ready")[0]?.detail?.phases ?? {});
}

// Bytes on the wire (compressed bodies and headers) of everything the page and its worker fetch until the kernel is ready.
async function transferredBytes(page, url) {
  let bytes = 0;
  const sizes = [];
  const count = (request) => sizes.push(request.sizes().then((s) => (bytes += s.responseBodySize + s.responseHeadersSize), () => {}));
  page.context().on("requestfinished", count);
  const ms = await loadToReady(page, url);
  page.context().off("requestfinished", count);
  await Promise.all(sizes);
  return { bytes, ms };
}

async function runAllMs(page) {
  await page.click(".lm-MenuBar-itemLabel:text-is('Run')");
  const started = Date.now();
  await page.click(".lm-Menu-itemLabel:text-is('Run All Cells')");
  await page.locator(".jp-CodeCell .jp-InputArea-prompt:text-is('[*]:')").first().waitFor();
  await page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").waitFor({ timeout: 300_000 });
  const errors = await page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count();
  if (errors > 0) throw new Error(`bench: Run All of ${NB1} in the browser produced ${errors} error outputs`);
  return Date.now() - started;
}

function siteSize(dir) {
  let raw = 0, gz = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const f = join(d, e.name);
      if (e.isDirectory()) walk(f);
      else if (!f.endsWith(".gz")) {
        raw += statSync(f).size;
        gz += gzipSync(readFileSync(f)).length;
      }
    }
  };
  walk(dir);
  return { raw, gz };
}

await buildSites(["instructor"], { log: (l) => process.stderr.write(`bench: site ${l}\n`) });
const server = await serveSite(targets.instructor.out, 0);
const url = `${server.url}lab/index.html?path=${NB1}`;
try {
  const cold = [], warm = [], transferred = [], runAll = [], phases = [], warmPaths = [], warmPhases = [];
  for (let i = 0; i < COLD; i++) {
    const context = await browser();
    const page = context.pages()[0] ?? (await context.newPage());
    const first = await transferredBytes(page, url);
    cold.push(first.ms);
    transferred.push(first.bytes / 1e6);
    phases.push(await workerPhases(page));
    for (let j = 0; j < WARM && i === 0; j++) {
      await page.waitForTimeout(500);
      warm.push(await loadToReady(page, url));
      warmPaths.push(await pathsToReady(page));
      warmPhases.push(await workerPhases(page));
    }
    if (i < RUN_ALL) runAll.push(await runAllMs(page));
    await context.close();
  }
  report("site.load_to_kernel_ready_cold", cold, "ms", 5000);
  report("site.load_to_kernel_ready_warm", warm, "ms", 2000);
  report("site.first_visit_transferred", transferred, "MB");
  for (const name of Object.keys(phases[0])) report(`site.worker_start_${name}_cold`, phases.map((p) => p[name]), "ms");
  if (warm.length > 0) {
    report("site.kernel_requested_warm", warmPaths.map((p) => p.requested), "ms");
    report("site.worker_ready_warm", warmPaths.map((p) => p.worker), "ms");
    for (const name of Object.keys(warmPhases[0])) report(`site.worker_start_${name}_warm`, warmPhases.map((p) => p[name]), "ms");
  }
  const node = [];
  const notebook = JSON.parse(readFileSync(join(targets.instructor.out, "files", NB1), "utf8"));
  for (let i = 0; i < RUN_ALL; i++) {
    // The notebook saved in the kernel's folder, as in JupyterLab on Node: check() compares with its references.
    const cwd = mkdtempSync(join(tmpdir(), "gradlab-bench-node-"));
    writeFileSync(join(cwd, NB1), JSON.stringify(notebook));
    const runner = await startRunner({ cwd, timeoutMs: 300_000 });
    const t0 = Date.now();
    const result = await runNotebook(join(cwd, NB1), { runner });
    node.push(Date.now() - t0);
    await runner.close();
    if (result.failed > 0) throw new Error(`bench: ${result.failed} cells of ${NB1} failed on the Node runner`);
  }
  // BENCH_SITE_RUN_ALL=0 measures start-up only.
  if (RUN_ALL > 0) {
    report("site.run_all_nb01_browser", runAll, "ms", 2 * median(node));
    report("site.run_all_nb01_node_runner", node, "ms");
  }
  const size = siteSize(targets.instructor.out);
  report("site.size_on_disk", [size.raw / 1e6], "MB");
  report("site.size_gzip", [size.gz / 1e6], "MB");
} finally {
  await server.close();
}
