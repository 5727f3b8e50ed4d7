// Headless rendering of a Vega-Lite spec to SVG with vega 5 (CommonJS). vega is loaded on the
// first render only, so importing gradlab stays fast.
import type { TopLevelSpec } from "vega-lite";
import { plotMsg } from "./messages";

interface VegaView {
  run(): VegaView;
  loader(): unknown;
  padding(): { left: number; right: number; top: number; bottom: number };
  background(): string;
  scenegraph(): { root: unknown };
  toSVG(): Promise<string>;
  finalize(): void;
  _viewWidth: number;
  _viewHeight: number;
  _origin: [number, number];
}
interface Vega {
  View: new (runtime: unknown, opts: { renderer: string; logLevel: number }) => VegaView;
  Error: number;
  parse(spec: unknown, config?: unknown): unknown;
  SVGStringRenderer: new (loader: unknown) => {
    initialize(el: null, w: number, h: number, origin: [number, number], scale: number): { background(c: string): { render(root: unknown): { svg(): string } } };
  };
}

type Compile = (s: TopLevelSpec, opt: { logger: unknown }) => { spec: unknown };
let modules: { vega: Vega; compile: Compile } | null = null;

// Vega-Lite's warnings (e.g. layers with different domains, resolved by a union) would show
// up as cell output; the chart is fine, so they are dropped.
const quiet = { level() { return quiet; }, error() { return quiet; }, warn() { return quiet; }, info() { return quiet; }, debug() { return quiet; } };

function load(): NonNullable<typeof modules> {
  if (modules === null) {
    // Lazy: vega takes ~100 ms to load, and most cells never draw.
    const vega = require("vega") as Vega;
    const vl = require("vega-lite") as { compile: Compile };
    modules = { vega, compile: vl.compile };
  }
  return modules;
}

function viewOf(spec: TopLevelSpec): VegaView {
  const { vega, compile } = load();
  // vega tags data rows with ids; render a copy so the caller's spec stays untouched.
  const copy = JSON.parse(JSON.stringify(spec)) as TopLevelSpec;
  // Warnings would land in the cell's output; errors still do.
  return new vega.View(vega.parse(compile(copy, { logger: quiet }).spec), { renderer: "none", logLevel: vega.Error });
}

/**
 * The chart as an SVG string, synchronously. Inline data makes vega's dataflow run without
 * awaiting anything, so the scenegraph is complete after run(); the renderer is set up the way
 * vega's own toSVG does it (a test checks that both give the same SVG).
 */
export function renderSvg(spec: TopLevelSpec): string {
  const { vega } = load();
  let view: VegaView;
  try {
    view = viewOf(spec).run();
  } catch (e) {
    throw new Error(plotMsg.renderFailed((e as Error).message));
  }
  const p = view.padding();
  const w = Math.max(0, view._viewWidth + p.left + p.right);
  const h = Math.max(0, view._viewHeight + p.top + p.bottom);
  const origin: [number, number] = [p.left + view._origin[0], p.top + view._origin[1]];
  const svg = new vega.SVGStringRenderer(view.loader()).initialize(null, w, h, origin, 1).background(view.background()).render(view.scenegraph().root).svg();
  view.finalize();
  return svg;
}

/** The chart as SVG through vega's public (asynchronous) API. */
export async function renderSvgAsync(spec: TopLevelSpec): Promise<string> {
  const view = viewOf(spec);
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
