// Combining charts: layers share their axes and merge their named series into one legend;
// side-by-side and stacked charts keep their own scales (or share the colour scale on request);
// slider params of the parts move to the top, where Vega-Lite wants them.
import { PALETTE } from "./axes";
import { describe, plotMsg } from "./messages";
import { type Chart, finish, isChart } from "./spec";

type Json = Record<string, unknown>;

/** Where a legend goes: right of the chart (the default) or inside the plot. */
export type LegendOrient = "right" | "bottom" | "top-left" | "top-right" | "bottom-left" | "bottom-right";

/** Options of layer (pass them before the charts). */
export interface LayerOptions {
  /** Where the merged series legend goes, e.g. "top-left" inside the plot. */
  legend?: LegendOrient;
}

/** Options of hconcat and vconcat (pass them before the charts). */
export interface ConcatOptions {
  /** One colour scale and legend for all parts (e.g. matrices compared side by side). */
  sharedColor?: boolean;
}

function asUnit(where: string, c: Chart): Json {
  if (!isChart(c)) throw new Error(plotMsg.notChart(where, describe(c)));
  // A copy: merging legends and lifting params must not change the caller's charts.
  const { $schema: _s, config: _c, ...rest } = JSON.parse(JSON.stringify(c)) as Json;
  return rest;
}

/** Every encoding object of a spec and its nested layers. */
function encodings(spec: Json): Json[] {
  const own = spec.encoding !== undefined ? [spec.encoding as Json] : [];
  return [...own, ...((spec.layer as Json[] | undefined) ?? []).flatMap(encodings)];
}

/** Gives every named series across the layers one entry in one colour legend, colours kept distinct. */
function mergeSeriesColors(layers: Json[], orient?: LegendOrient): void {
  const series = layers.flatMap(encodings).map((e) => e.color as Json | undefined).filter((c): c is Json => c?.field === "series" && typeof c.scale === "object");
  const names: string[] = [];
  const colors: string[] = [];
  for (const c of series) {
    const scale = c.scale as { domain: string[]; range: string[] };
    scale.domain.forEach((name, i) => {
      if (names.includes(name)) return;
      let color = scale.range[i];
      if (colors.includes(color)) color = PALETTE.find((p) => !colors.includes(p)) ?? color;
      names.push(name);
      colors.push(color);
    });
  }
  for (const c of series) {
    c.scale = { domain: names, range: colors };
    c.sort = names;
    if (names.length > 1) c.legend = orient === undefined ? undefined : { orient };
    if (c.legend === undefined) delete c.legend;
  }
}

/** Removes the parts' params and returns them, one per name. */
function liftParams(parts: Json[]): object[] {
  const byName = new Map<string, object>();
  const visit = (s: Json) => {
    for (const p of (s.params as { name: string }[] | undefined) ?? []) if (!byName.has(p.name)) byName.set(p.name, p);
    delete s.params;
    for (const key of ["layer", "hconcat", "vconcat"]) for (const c of (s[key] as Json[] | undefined) ?? []) visit(c);
  };
  parts.forEach(visit);
  return [...byName.values()];
}

/**
 * Draws charts on top of each other (e.g. a data scatter and the model's line), with one legend;
 * `{ legend: "top-left" }` first puts it inside the plot.
 * @example plot.layer(plot.scatter([0, 1, 2], [0, 1.1, 1.9]), plot.line({ name: "fit", x: [0, 2], y: [0, 2] }))
 */
export function layer(...charts: (Chart | LayerOptions)[]): Chart {
  const options = charts.length > 0 && !isChart(charts[0]) ? (charts[0] as LayerOptions) : {};
  const units = (charts.length > 0 && !isChart(charts[0]) ? charts.slice(1) : charts).map((c) => asUnit("layer", c as Chart));
  const params = liftParams(units);
  const titled = units.find((u) => u.title !== undefined);
  const layers = units.map(({ width: _w, height: _h, title: _t, description: _d, ...u }) => u);
  mergeSeriesColors(layers, options.legend);
  return finish({
    description: units.map((u) => u.description).filter(Boolean).join(" + "),
    ...(titled !== undefined ? { title: titled.title } : {}),
    width: units[0]?.width ?? 400,
    height: units[0]?.height ?? 250,
    ...(params.length ? { params } : {}),
    layer: layers,
  });
}

function concat(where: "hconcat" | "vconcat", args: (Chart | ConcatOptions)[]): Chart {
  const options = args.length > 0 && !isChart(args[0]) ? (args[0] as ConcatOptions) : {};
  const parts = (args.length > 0 && !isChart(args[0]) ? args.slice(1) : args).map((c) => asUnit(where, c as Chart));
  const params = liftParams(parts);
  const color = options.sharedColor ? "shared" : "independent";
  // fill (a matrix's "missing" legend) follows color, so each part keeps its legends beside it.
  return finish({ ...(params.length ? { params } : {}), [where]: parts, resolve: { scale: { color, fill: color }, legend: { color, fill: color } } });
}

/**
 * Places charts side by side, each keeping its own scales and legends unless `{ sharedColor: true }` comes first.
 * @example plot.hconcat(plot.line([1, 2]), plot.lossCurve([2, 1]))
 */
export function hconcat(...charts: (Chart | ConcatOptions)[]): Chart {
  return concat("hconcat", charts);
}

/** Stacks charts vertically, each keeping its own scales and legends unless `{ sharedColor: true }` comes first. */
export function vconcat(...charts: (Chart | ConcatOptions)[]): Chart {
  return concat("vconcat", charts);
}
