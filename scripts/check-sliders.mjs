// Checks in a real browser that plot.slider specs render and respond to their range input the
// way JupyterLab 4 runs them (vega-embed 6 + vega 5 + vega-lite 5, canvas renderer), and that
// plain charts render without console errors. Not part of `npm test`: CI has no browser.
//
// Needs: a build (`npm run build`), Debian's Chromium at /usr/bin/chromium
// (`apt-get install -y --no-install-recommends chromium`) and, installed without saving,
// `npm install --no-save playwright-core vega-embed@6`.
// Run: `node scripts/check-sliders.mjs [outDir] [executed.ipynb…]` (default outDir: <tmpdir>/check-sliders);
// every chart of the given executed notebooks (`npx gradlab run NB --out executed.ipynb`) is checked too.
// It writes <case>-before.png / <case>-after.png there, prints one line per check and exits 1 on a failure.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL("..", import.meta.url));
const out = process.argv[2] ?? join(tmpdir(), "check-sliders");
const notebooks = process.argv.slice(3);
const need = (what, how) => { console.error(`check-sliders: ${what} is missing; ${how}`); process.exit(2); };
let chromium, plot;
try { ({ chromium } = require("playwright-core")); } catch { need("playwright-core", "run `npm install --no-save playwright-core vega-embed@6`"); }
try { ({ plot } = require(`${root}dist/src/index.js`)); } catch (e) { need("dist/src/index.js", `run \`npm run build\` (${e.message})`); }
const libs = ["vega/build/vega.min.js", "vega-lite/build/vega-lite.min.js", "vega-embed/build/vega-embed.min.js"];
const lib = (l) => join(root, "node_modules", l);
if (!existsSync("/usr/bin/chromium")) need("/usr/bin/chromium", "run `apt-get install -y --no-install-recommends chromium`");
for (const l of libs) if (!existsSync(lib(l))) need(l, "run `npm install --no-save vega-embed@6`");

// Curves of different lengths and shapes, like the notebook's depth / learning-rate / init demos.
const decay = (n, rate, start = 1) => Array.from({ length: n }, (_, i) => start * Math.exp(-rate * i) + 1e-4);
const depths = Array.from({ length: 11 }, (_, i) => 5 * i);
const etas = Array.from({ length: 9 }, (_, i) => Math.round(1000 * (0.005 + 0.005 * i)) / 1000);
const weights = Array.from({ length: 8 }, (_, i) => Math.round(100 * (0.7 + 0.05 * i)) / 100);
const logLadder = [0.001, 0.003, 0.01, 0.03, 0.1];
const sliders = {
  depth: plot.slider({ name: "depth", values: depths, runs: depths.map((d) => decay(60 + 8 * d, 0.2 / (1 + d / 10))), logY: true, title: "Deep narrow network", yTitle: "half MSE" }),
  eta: plot.slider({ name: "eta", label: "learning rate η", values: etas, runs: etas.map((lr, i) => (i < 7 ? decay(600, 5 * lr) : decay(30, -0.3))), logY: true, title: "Depth 50: the learning rate", yTitle: "half MSE" }),
  w0: plot.slider({ name: "w0", label: "initial weight", values: weights, runs: weights.map((w) => decay(250, Math.abs(w - 0.95) < 0.1 ? 0.05 : 0.01, w)), logY: true }),
  logLadder: plot.slider({ name: "lr", values: logLadder, runs: logLadder.map((lr) => decay(100, 30 * lr)), logY: true, title: "log-spaced ladder" }),
  twoSliders: plot.slider({ params: [{ name: "depth", values: [10, 20, 30] }, { name: "eta", label: "η", values: etas }], runs: [10, 20, 30].flatMap((d) => etas.map((eta) => ({ at: { depth: d, eta }, y: decay(200, eta * 100 / d) }))), logY: true }),
  frames: plot.hconcat(plot.line({ loss: decay(50, 0.1) }, { cursor: "epoch" }), plot.matrix(Array.from({ length: 10 }, (_, t) => [[1, t / 10], [t / 10, 1]]), { frames: { name: "epoch", values: Array.from({ length: 10 }, (_, t) => 5 * t) } })),
};
const path = Array.from({ length: 30 }, (_, i) => [1.5 * 0.85 ** i, -1.2 * 0.8 ** i]);
const plain = {
  matrix: plot.matrix([[1, -1], [NaN, 1]], { rows: ["a", "b"], cols: ["x", "y"], categories: [[-1, "no"], [1, "yes"]], missing: "none" }),
  lossCurve: plot.lossCurve({ sgd: decay(100, 0.05), adam: decay(80, 0.09) }, { logY: true }),
  heatmap: plot.heatmap((x, y) => x * x + 3 * y * y, { x: [-2, 2], y: [-2, 2], trajectories: [path, { name: "other", points: path.map(([x, y]) => [-x, y]) }] }),
};

// Every chart of the executed notebooks given on the command line, sliders or not.
for (const file of notebooks) {
  JSON.parse(readFileSync(file, "utf8")).cells.forEach((cell, i) => (cell.outputs ?? []).forEach((o, k) => {
    const spec = o.data?.["application/vnd.vegalite.v5+json"];
    if (spec) (spec.params?.some((p) => p.bind) ? sliders : plain)[`${basename(file, ".ipynb")}-cell${i}-${k}`] = spec;
  }));
}

// The page embeds like JupyterLab's vega5 renderer: actions on, default style, vega-lite mode.
const html = `<!doctype html><meta charset="utf-8"><body><div id="vis"></div>
${libs.map((l) => `<script src="${l.split("/").pop()}"></script>`).join("\n")}
<script>window.show = async (spec) => { const r = await vegaEmbed("#vis", spec, { actions: true, defaultStyle: true, mode: "vega-lite" }); window.view = r.view; };</script>`;
const dir = mkdtempSync(join(tmpdir(), "check-sliders-"));
for (const l of libs) copyFileSync(lib(l), join(dir, l.split("/").pop()));
writeFileSync(join(dir, "index.html"), html);
mkdirSync(out, { recursive: true });

let failures = 0;
const report = (ok, what) => { if (!ok) failures++; console.log(`${ok ? "ok  " : "FAIL"} ${what}`); };
// What the chart shows now: the title, the signal's value and the canvas pixels.
const snapshot = (page, name) => page.evaluate(async (name) => {
  await window.view.runAsync();
  const svg = await window.view.toSVG();
  // All titles: in side-by-side charts the one naming the setting may not be the first.
  const title = [...svg.matchAll(/role-title-text[^>]*>[\s\S]*?<text[^>]*>([^<]*)</g)].map((m) => m[1]).join(" | ");
  return { signal: window.view.signal(name), title, canvas: document.querySelector("#vis canvas")?.toDataURL() ?? "" };
}, name);
const setRange = (page, k, v) => page.evaluate(([k, v]) => {
  const input = document.querySelectorAll('.vega-bindings input[type="range"]')[k];
  input.value = String(v);
  input.dispatchEvent(new Event("input", { bubbles: true }));
}, [k, v]);

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync"] });
try {
  for (const [name, spec] of [...Object.entries(sliders), ...Object.entries(plain)]) {
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    const errors = [];
    page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") errors.push(`${m.type()}: ${m.text()}`); });
    page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
    await page.goto(pathToFileURL(join(dir, "index.html")).href);
    await page.evaluate((s) => window.show(s), JSON.parse(JSON.stringify(spec)));
    await page.screenshot({ path: join(out, `${name}-before.png`) });
    const bound = (spec.params ?? []).filter((p) => p.bind);
    for (const [k, param] of bound.entries()) {
      const before = await snapshot(page, param.name);
      report(before.signal === param.value && before.title !== "", `${name}: ${param.name} starts at ${before.signal}, title "${before.title}"`);
      await page.locator('.vega-bindings input[type="range"]').nth(k).focus();
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("ArrowRight");
      const keyed = await snapshot(page, param.name);
      const want = Math.min(param.bind.max, Number((param.value + 2 * param.bind.step).toPrecision(10)));
      const moved = want !== param.value;
      report(Math.abs(keyed.signal - want) < 1e-9 && (!moved || (keyed.title !== before.title && keyed.canvas !== before.canvas)),
        `${name}: ArrowRight ×2 on ${param.name} → ${keyed.signal} (want ${want}), title "${keyed.title}", canvas ${keyed.canvas !== before.canvas ? "changed" : "SAME"}`);
      // Every position of the slider shows a run of its own (an uneven ladder binds an index: src/plot/slider-params.ts).
      const titles = new Set();
      const positions = Math.round((param.bind.max - param.bind.min) / param.bind.step) + 1;
      for (let i = 0; i < positions; i++) {
        await setRange(page, k, Number((param.bind.min + i * param.bind.step).toPrecision(10)));
        titles.add((await snapshot(page, param.name)).title);
      }
      report(titles.size === positions, `${name}: all ${positions} positions of ${param.name} reachable, each with its own title (${titles.size} distinct)`);
      await setRange(page, k, param.value);
    }
    if (bound.length > 0) {
      await setRange(page, 0, bound[0].bind.max);
      await snapshot(page, bound[0].name);
      await page.screenshot({ path: join(out, `${name}-after.png`) });
    } else {
      const svg = await page.evaluate(() => window.view.toSVG());
      report(svg.length > 1000, `${name}: rendered (${svg.length} chars of SVG)`);
    }
    // JupyterLab stores a PNG of every rendered chart in the notebook through this call.
    const png = await page.evaluate(() => window.view.toImageURL("png"));
    report(png.startsWith("data:image/png;base64,") && png.length > 2000, `${name}: view.toImageURL("png") works (${png.length} chars), as JupyterLab calls it`);
    report(errors.length === 0, `${name}: no console errors or warnings${errors.length ? `: ${errors.join(" | ")}` : ""}`);
    await page.close();
  }
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
console.log(`${failures === 0 ? "all checks passed" : `${failures} check(s) failed`}; screenshots in ${out}`);
process.exit(failures === 0 ? 0 : 1);
