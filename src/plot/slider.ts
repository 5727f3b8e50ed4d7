// Interactive demos over precomputed runs: a Vega-Lite param bound to a range slider picks
// which run is drawn, so moving the slider in JupyterLab needs no kernel round trip. The
// static SVG shows the default position, named in the title.
import { lossClip, type Row, type Series, seriesRows, toNumbers, type Values } from "./data";
import type { SeriesOptions } from "./line";
import { plotMsg } from "./messages";
import { type Chart, finish } from "./spec";

/** One precomputed run for one slider value (x defaults to the epoch 1, 2, …). */
export interface SliderRun {
  value: number;
  y: Values;
  x?: Values;
}

/** Options of slider. */
export interface SliderOptions extends SeriesOptions {
  /** The param's name: letters, digits and _ (used in Vega expressions). */
  name: string;
  /** The text next to the slider (default: name). */
  label?: string;
  /** The slider values, in order; with plain runs, runs[i] belongs to values[i]. */
  values?: readonly number[];
  runs: readonly (SliderRun | Values)[];
  /** The starting position (default: the first value). */
  init?: number;
  /** Draw every run faintly behind the selected one (default true). */
  ghost?: boolean;
}

function runsOf(o: SliderOptions): SliderRun[] {
  return o.runs.map((r, i) => {
    if (typeof r === "object" && r !== null && "value" in r && "y" in r) return r as SliderRun;
    const value = o.values?.[i];
    if (value === undefined) throw new Error(plotMsg.sliderRunMissing(o.name, NaN));
    return { value, y: r as Values };
  });
}

/**
 * Loss curves (or any series) over precomputed runs, one shown at a time by a slider.
 * @example plot.slider({ name: "depth", values: [0, 5, 10], runs: [loss0, loss5, loss10], logY: true })
 */
export function slider(options: SliderOptions): Chart {
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(options.name)) throw new Error(plotMsg.paramName(options.name));
  // Rounded so float noise (0.7 + 0.05·i) does not show next to the slider.
  const runs = runsOf(options).map((r) => ({ ...r, value: Number(r.value.toPrecision(10)) }));
  const values = runs.map((r) => r.value);
  if (values.length === 0 || values.some((v) => !Number.isFinite(v)) || new Set(values).size !== values.length) throw new Error(plotMsg.sliderValues(values));
  for (const v of options.values ?? []) if (!values.includes(Number(v.toPrecision(10)))) throw new Error(plotMsg.sliderRunMissing(options.name, v));
  const series: Series[] = runs.map((r) => ({ name: String(r.value), y: r.y, ...(r.x !== undefined ? { x: toNumbers("slider", r.x) } : {}) }));
  const clip = options.clip ?? lossClip(series);
  const { rows, marks, names } = seriesRows("slider", series, { x0: 1, logY: options.logY, clip });
  const valueOf = new Map(names.map((n, i) => [n, values[i]]));
  const tag = (r: Row) => ({ p: valueOf.get(r.series), x: r.x, y: r.y });
  const sorted = [...values].sort((a, b) => a - b);
  const gaps = sorted.slice(1).map((v, i) => v - sorted[i]);
  const step = gaps.length ? Number(Math.min(...gaps).toPrecision(10)) : 1;
  const init = Number((options.init ?? values[0]).toPrecision(10));
  if (!values.includes(init)) throw new Error(plotMsg.sliderInit(options.name, init, sorted));
  const label = options.label ?? options.name;
  const pick = `abs(datum.p - ${options.name}) < ${step / 2}`;
  const ys = rows.map((r) => r.y), xs = rows.map((r) => r.x);
  const x = { field: "x", type: "quantitative", title: options.xTitle ?? "epoch", scale: { domain: [Math.min(...xs), Math.max(...xs)], nice: false } };
  const y = { field: "y", type: "quantitative", title: options.yTitle ?? "loss", scale: { domain: [Math.min(...ys), Math.max(...ys)], nice: !options.logY, ...(options.logY ? { type: "log" } : {}) } };
  const color = options.color ?? "#c51b8a";
  const layers: object[] = [];
  if (options.ghost ?? true) {
    layers.push({ mark: { type: "line", color: "#bbbbbb", strokeWidth: 1, opacity: 0.4 }, encoding: { x, y, detail: { field: "p", type: "nominal" } } });
  }
  layers.push({ transform: [{ filter: pick }], mark: { type: "line", color, strokeWidth: 2.5 }, encoding: { x, y } });
  if (marks.length > 0) {
    layers.push({ data: { values: marks.map(tag) }, transform: [{ filter: pick }], mark: { type: "point", shape: "cross", filled: true, size: 160, color: "#d62728" }, encoding: { x, y } });
    layers.push({ data: { values: marks.map(tag) }, transform: [{ filter: pick }], mark: { type: "text", text: "diverged", align: "left", dx: 8, dy: -8, color: "#d62728" }, encoding: { x, y } });
  }
  const prefix = options.title !== undefined ? `${options.title}: ` : "";
  return finish({
    description: `slider over ${options.name} (${values.length} runs), showing ${options.name} = ${init}`,
    title: { text: { expr: `${JSON.stringify(`${prefix}${label} = `)} + format(${options.name}, '.4~g')` } },
    width: options.width ?? 400,
    height: options.height ?? 250,
    params: sliderParams(options.name, label, sorted, step, init),
    data: { values: rows.map(tag) },
    layer: layers,
  });
}

/**
 * The slider's params. An evenly spaced ladder binds the value itself; an uneven one (0.001, 0.003,
 * 0.01, …) cannot, because the browser snaps a range input to min + k·step and would miss values,
 * so it binds the index and derives the value (checked in Chromium with vega-embed 6).
 */
function sliderParams(name: string, label: string, sorted: readonly number[], step: number, init: number): object[] {
  const onGrid = sorted.every((v) => {
    const k = (v - sorted[0]) / step;
    return Math.abs(k - Math.round(k)) < 1e-6;
  });
  if (onGrid) return [{ name, value: init, bind: { input: "range", min: sorted[0], max: sorted[sorted.length - 1], step, name: `${label} ` } }];
  return [
    { name: `${name}_index`, value: sorted.indexOf(init), bind: { input: "range", min: 0, max: sorted.length - 1, step: 1, name: `${label} (step) ` } },
    { name, expr: `${JSON.stringify(sorted)}[${name}_index]` },
  ];
}
