// The course notebooks end to end: every solution runs on the embedded runner without an error and
// shows its charts (each with an SVG fallback that fits a notebook's width), notebooks/ is exactly
// what `gradlab assign` makes of solutions/, and each solution also runs under Jupyter (nbconvert
// with the gradlab kernel, then to HTML with its charts drawn) when Jupyter is installed.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type * as SchemaModule from "../../grader/notebook/index";
import { fromDist, root } from "../kernel/dist";

const VEGALITE = "application/vnd.vegalite.v5+json";
const cli = path.join(root, "dist", "grader", "cli.js");
const solutions = readdirSync(path.join(root, "solutions")).filter((f) => f.endsWith(".ipynb")).sort();

interface Cell { cell_type: string; source: string | string[]; outputs?: Output[] }
interface Output { output_type: string; data?: Record<string, unknown>; ename?: string; evalue?: string }
interface Notebook { cells: Cell[] }

const text = (s: string | string[]): string => (Array.isArray(s) ? s.join("") : s);
const readNotebook = (file: string): Notebook => JSON.parse(readFileSync(file, "utf8")) as Notebook;

/** How many charts a notebook shows: one per show(…) call in its code cells. */
function expectedCharts(nb: Notebook): number {
  return nb.cells.filter((c) => c.cell_type === "code").reduce((n, c) => n + (text(c.source).match(/\bshow\(/g) ?? []).length, 0);
}

// A notebook's output area is about 950 px wide (JupyterLab at 1280 px): a wider chart scrolls sideways.
const OUTPUT_WIDTH = 950;

/** The width of an SVG fallback, from its root element. */
const svgWidth = (svg: string): number => Number(/<svg\b[^>]*?\swidth="([\d.]+)"/.exec(svg)?.[1] ?? NaN);

/** Error outputs (as "cell i: ename: evalue"), the number of Vega-Lite displays and the charts wider than a notebook (or without an SVG fallback). */
function summarise(nb: Notebook): { errors: string[]; charts: number; tooWide: string[] } {
  const errors: string[] = [];
  const tooWide: string[] = [];
  let charts = 0;
  nb.cells.forEach((cell, i) => {
    for (const o of cell.outputs ?? []) {
      if (o.output_type === "error") errors.push(`cell ${i}: ${o.ename}: ${o.evalue}`);
      if (o.output_type === "display_data" && o.data && typeof o.data[VEGALITE] === "object") {
        charts++;
        const width = svgWidth(text((o.data["image/svg+xml"] ?? "") as string | string[]));
        if (!(width <= OUTPUT_WIDTH)) tooWide.push(`cell ${i}: ${width} px`);
      }
    }
  });
  return { errors, charts, tooWide };
}

const scratch = mkdtempSync(path.join(tmpdir(), "gradlab-notebooks-"));

describe("notebook files", () => {
  const { validateNotebook } = fromDist<typeof SchemaModule>("grader/notebook/index");
  const examples = path.join(root, "examples", "submissions");
  const files = [
    ...solutions.map((f) => path.join("solutions", f)),
    ...solutions.map((f) => path.join("notebooks", f)),
    ...readdirSync(examples).filter((d) => !d.includes(".")).flatMap((d) => readdirSync(path.join(examples, d)).map((f) => path.join("examples", "submissions", d, f))),
  ];
  for (const file of files) {
    it(`${file} is valid nbformat 4.5 for the gradlab kernel`, () => {
      const nb = validateNotebook(JSON.parse(readFileSync(path.join(root, file), "utf8")), file);
      expect([nb.nbformat, nb.nbformat_minor]).toEqual([4, 5]);
      expect(nb.metadata.kernelspec).toEqual({ name: "gradlab", display_name: "TypeScript (gradlab)", language: "typescript" });
    });
  }
});

describe("solution notebooks on the embedded runner", () => {
  for (const name of solutions) {
    it(`${name} runs without errors and shows every chart`, () => {
      const out = path.join(scratch, `run-${name}`);
      const run = spawnSync(process.execPath, [cli, "run", path.join(root, "solutions", name), "--out", out], { encoding: "utf8" });
      const executed = readNotebook(out);
      const { errors, charts, tooWide } = summarise(executed);
      expect(errors, run.stderr).toEqual([]);
      expect(run.status, run.stderr).toBe(0);
      expect(charts).toBe(expectedCharts(readNotebook(path.join(root, "solutions", name))));
      expect(tooWide, `charts wider than a notebook's ${OUTPUT_WIDTH} px output area`).toEqual([]);
    });
  }
});

describe("notebooks/ is the release of solutions/", () => {
  it("has one student notebook per solution", () => {
    const released = readdirSync(path.join(root, "notebooks")).filter((f) => f.endsWith(".ipynb")).sort();
    expect(released).toEqual(solutions);
  });
  for (const name of solutions) {
    it(`notebooks/${name} equals what gradlab assign writes (run \`npx gradlab assign solutions/*.ipynb\` after editing a solution)`, () => {
      const release = path.join(scratch, "release");
      const assign = spawnSync(process.execPath, [cli, "assign", path.join(root, "solutions", name), "--release", release, "--bundle", path.join(scratch, `${name}.bundle.json`)], { encoding: "utf8" });
      expect(assign.status, assign.stderr + assign.stdout).toBe(0);
      expect(readFileSync(path.join(root, "notebooks", name), "utf8")).toBe(readFileSync(path.join(release, name), "utf8"));
    });
  }
});

const jupyterMissing = whyJupyterMissing();

function whyJupyterMissing(): string | null {
  if (spawnSync("jupyter", ["--version"]).status !== 0) return "`jupyter` is not on PATH";
  if (spawnSync("/usr/bin/python3", ["-c", "import nbconvert, nbclient"]).status !== 0) return "/usr/bin/python3 lacks nbconvert or nbclient";
  return null;
}

if (jupyterMissing && process.env.CI) {
  it("has Jupyter installed in CI", () => {
    throw new Error(`CI must run the solutions through Jupyter, but ${jupyterMissing}. Install jupyter-client, python3-nbclient and jupyter-nbconvert.`);
  });
}

describe.skipIf(jupyterMissing !== null)(`solution notebooks under jupyter nbconvert${jupyterMissing ? ` (skipped: ${jupyterMissing})` : ""}`, () => {
  let env: NodeJS.ProcessEnv;

  beforeAll(() => {
    const prefix = path.join(scratch, "prefix");
    const install = spawnSync(process.execPath, [cli, "kernel", "install", "--prefix", prefix], { encoding: "utf8" });
    expect(install.status, install.stderr).toBe(0);
    env = { ...process.env, JUPYTER_PATH: path.join(prefix, "share", "jupyter"), PYDEVD_DISABLE_FILE_VALIDATION: "1" };
  });

  for (const name of solutions) {
    it(`${name} executes with the gradlab kernel, without errors and with its charts`, () => {
      const outDir = path.join(scratch, "nbconvert");
      const run = spawnSync("jupyter", ["nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=300", "--output-dir", outDir, path.join(root, "solutions", name)], { env, cwd: scratch, encoding: "utf8" });
      expect(run.status, run.stderr).toBe(0);
      const { errors, charts } = summarise(readNotebook(path.join(outDir, name)));
      expect(errors).toEqual([]);
      expect(charts).toBe(expectedCharts(readNotebook(path.join(root, "solutions", name))));
      // As HTML through the template the README gives (Debian's nbconvert 6.5 empties inline SVGs): every chart keeps its drawing.
      const html = spawnSync("jupyter", ["nbconvert", "--to", "html", "--template-file", path.join(root, "docs", "nbconvert", "gradlab-svg.html.j2"), path.join(outDir, name)], { env, cwd: scratch, encoding: "utf8" });
      expect(html.status, html.stderr).toBe(0);
      const svgs = readFileSync(path.join(outDir, name.replace(/\.ipynb$/, ".html")), "utf8").split('data-mime-type="image/svg+xml">').slice(1);
      expect(svgs.filter((s) => /^\s*<svg\b[^>]*>\s*<rect\b/.test(s) && /<text\b/.test(s.slice(0, s.indexOf("</svg>")))).length).toBe(charts);
    });
  }
});
