// Line charts, scatter plots and loss curves: one or many named series; a diverged run is drawn
// up to the top of the chart and marked there with a red cross.
import { logAxis, PALETTE, positive } from "./axes";
import { isValues, lossClip, type ManySeries, type Row, seriesRows, type Values } from "./data";
import { checkParamName } from "./slider-params";
import type { LegendOrient } from "./compose";
import { type Chart, type ChartOptions, finish } from "./spec";

/** Options of line, scatter and lossCurve. */
export interface SeriesOptions extends ChartOptions {
  xTitle?: string;
  yTitle?: string;
  /** Log scale on y (non-positive values are left out). */
  logY?: boolean;
  /** Values above this (and NaN/Infinity) end a run: it is drawn up to here and marked as diverged. */
  clip?: number;
  /** A fixed colour instead of one colour per series. */
  color?: string;
  /** Where the series legend goes: "right" (default) or inside the plot, e.g. "top-left". */
  legend?: LegendOrient;
  /** The name of a slider param (from a chart beside this one): a vertical rule marks x = its value. */
  cursor?: string;
}

type Mark = "line" | "point";

/**
 * The colour encoding of named series. It is always a field (so plot.layer can merge the series of
 * several charts into one legend); a lone series shows no legend until it is layered with others.
 */
export function seriesColor(names: readonly string[], colors: readonly string[], orient?: string): object {
  const legend = names.length > 1 ? (orient !== undefined ? { legend: { orient } } : {}) : { legend: null };
  return { field: "series", type: "nominal", title: null, sort: [...names], scale: { domain: [...names], range: [...colors] }, ...legend };
}

function seriesChart(kind: string, mark: Mark, rows: Row[], marks: Row[], names: string[], o: SeriesOptions): Chart {
  const logY = o.logY ? logAxis(Math.min(...positive(rows.map((r) => r.y))), Math.max(...positive(rows.map((r) => r.y)))) : null;
  const width = o.width ?? 400, height = o.height ?? 250;
  // Few enough ticks that Vega never has to drop every other label (which can drop the 0).
  const y = { field: "y", type: "quantitative", title: o.yTitle ?? "y", ...(logY ?? { axis: { tickCount: Math.max(3, Math.round(height / 45)) } }) };
  const lone = mark === "line" ? PALETTE[0] : "#1f9fb4";
  const colors = names.map((_, i) => o.color ?? (names.length === 1 ? lone : PALETTE[i % PALETTE.length]));
  const main = {
    data: { values: rows },
    mark: mark === "line" ? { type: "line", strokeWidth: 2 } : { type: "point", filled: true, size: 40, opacity: 0.85 },
    encoding: { x: { field: "x", type: "quantitative", title: o.xTitle ?? "x", axis: { tickCount: Math.max(3, Math.round(width / 75)) } }, y, color: seriesColor(names, colors, o.legend) },
  };
  const layers: object[] = [main];
  if (marks.length > 0) {
    const at = { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } };
    layers.push({ data: { values: marks }, mark: { type: "point", shape: "cross", filled: true, size: 160, color: "#d62728", opacity: 1 }, encoding: { ...at, tooltip: [{ field: "series" }, { field: "x" }] } });
    layers.push({ data: { values: marks }, mark: { type: "text", text: "diverged", align: "left", dx: 8, dy: 8, color: "#d62728", fontSize: 11 }, encoding: at });
  }
  if (o.cursor !== undefined) {
    checkParamName(o.cursor);
    layers.push({ data: { values: [{}] }, transform: [{ calculate: o.cursor, as: "x" }], mark: { type: "rule", color: "#e7298a", strokeWidth: 2, strokeDash: [4, 3] }, encoding: { x: { field: "x", type: "quantitative" } } });
  }
  return finish({
    description: `${kind}, ${names.length} series, ${rows.length} points${marks.length ? `, ${marks.length} diverged` : ""}`,
    ...(o.title !== undefined ? { title: o.title } : {}),
    width,
    height,
    layer: layers,
  });
}

/**
 * A line chart of one or many series.
 * @example plot.line({ train: trainLoss, test: testLoss }, { logY: true })
 */
export function line(series: ManySeries, options: SeriesOptions = {}): Chart {
  const { rows, marks, names } = seriesRows("line", series, { x0: 0, logY: options.logY, clip: options.clip });
  return seriesChart("line", "line", rows, marks, names, options);
}

/**
 * A scatter plot: `scatter(x, y)` or `scatter([{ name, x, y }, …])`.
 * @example plot.scatter(inputs, targets, { xTitle: "x (inputs)", yTitle: "y (targets)" })
 */
export function scatter(x: Values | ManySeries, y?: Values | SeriesOptions, options: SeriesOptions = {}): Chart {
  const pair = isValues(y);
  const series: ManySeries = pair ? { name: "data", x: x as Values, y: y as Values } : (x as ManySeries);
  const opts = pair ? options : ((y as SeriesOptions | undefined) ?? {});
  const { rows, marks, names } = seriesRows("scatter", series, { x0: 0, logY: opts.logY, clip: opts.clip });
  return seriesChart("scatter", "point", rows, marks, names, opts);
}

/**
 * Loss against epoch (1, 2, …) for one run or many; a run that diverges ends at the top, marked.
 * @example plot.lossCurve(losses, { yTitle: "MSE" })
 */
export function lossCurve(losses: ManySeries, options: SeriesOptions = {}): Chart {
  const clip = options.clip ?? lossClip(losses);
  const { rows, marks, names } = seriesRows("lossCurve", losses, { x0: 1, logY: options.logY, clip });
  return seriesChart("lossCurve", "line", rows, marks, names, { xTitle: "epoch", yTitle: "loss", ...options });
}
