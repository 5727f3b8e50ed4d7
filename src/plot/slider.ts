// Interactive demos over precomputed runs: Vega-Lite params bound to range sliders pick which run
// is drawn, so moving a slider in JupyterLab (or VS Code) needs no kernel round trip. The static
// SVG shows the starting position, named in the title; grey curves, shaded by value, are the other runs.
import { fromZero, logAxis, positive } from "./axes";
import { lossClip, type Row, type Series, seriesRows, toNumbers, type Values } from "./data";
import type { SeriesOptions } from "./line";
import { plotMsg } from "./messages";
import { checkParamName, sliderParams, sliderStep } from "./slider-params";
import { type Chart, finish } from "./spec";

/** One precomputed run: for one slider value (`value`) or one setting of several (`at`). */
export interface SliderRun {
  value?: number;
  at?: Readonly<Record<string, number>>;
  y: Values;
  /** x values (default: the epoch 1, 2, …). */
  x?: Values;
  /** Said in the title while this run is shown, e.g. "trained with η = 0.02". */
  note?: string;
}

/** One slider of several. */
export interface SliderParam {
  /** The param's name: letters, digits and _ (used in Vega expressions). */
  name: string;
  /** The text next to the slider and in the title (default: name). */
  label?: string;
  values: readonly number[];
  /** The starting position (default: the first value). */
  init?: number;
}

/** Options of slider: one slider (name, values, init) or several (params, runs with `at`). */
export interface SliderOptions extends SeriesOptions {
  name?: string;
  label?: string;
  /** The slider values, in order; with plain runs, runs[i] belongs to values[i]. */
  values?: readonly number[];
  init?: number;
  params?: readonly SliderParam[];
  runs: readonly (SliderRun | Values)[];
  /** Draw the other runs faintly behind the selected one (default true; with several sliders, the runs that differ in the last one). */
  ghost?: boolean;
  /** Keep at most about this many points per run (evenly thinned), so a notebook with many runs stays small. */
  maxPoints?: number;
}

const fix = (v: number) => Number(v.toPrecision(10));
/** A log grey ramp for a ladder spanning two decades or more (γ = 1e-15 … 10), else linear. */
const greyScale = (values: readonly number[]) => (values.every((v) => v > 0) && Math.max(...values) / Math.min(...values) >= 100 ? "log" : "linear");
const keyOf = (k: readonly number[]) => k.map(String).join("|");

function paramsOf(o: SliderOptions): SliderParam[] {
  if (o.params !== undefined) return o.params.map((p) => ({ ...p, values: p.values.map(fix) }));
  if (o.name === undefined) throw new Error(plotMsg.sliderNoName());
  const values = o.values ?? o.runs.map((r) => (typeof r === "object" && r !== null && "value" in r ? (r as SliderRun).value ?? NaN : NaN));
  return [{ name: o.name, label: o.label, values: values.map(fix), init: o.init }];
}

function runsOf(o: SliderOptions, params: SliderParam[]): { key: number[]; y: Values; x?: Values; note?: string }[] {
  return o.runs.map((r, i) => {
    const run = typeof r === "object" && r !== null && "y" in r && !Array.isArray(r) ? (r as SliderRun) : { y: r as Values };
    const key = params.map((p) => fix(run.at?.[p.name] ?? run.value ?? (params.length === 1 ? p.values[i] ?? NaN : NaN)));
    key.forEach((v, k) => { if (!params[k].values.includes(v)) throw new Error(plotMsg.sliderRunMissing(params[k].name, v)); });
    return { key, y: run.y, x: run.x, note: run.note };
  });
}

/** Indices kept when thinning n points to about max: every k-th, the last, and a divergence. */
function thin(y: number[], max: number): number[] {
  const k = Math.max(1, Math.ceil(y.length / max));
  const bad = y.findIndex((v) => !Number.isFinite(v));
  const end = bad >= 0 ? bad : y.length;
  const keep = new Set<number>();
  for (let i = 0; i < end; i += k) keep.add(i);
  if (end > 0) keep.add(end - 1);
  if (bad >= 0) keep.add(bad);
  return [...keep].sort((a, b) => a - b);
}

/**
 * Loss curves (or any series) over precomputed runs, one shown at a time by one or more sliders.
 * @example plot.slider({ name: "depth", values: [0, 5, 10], runs: [loss0, loss5, loss10], logY: true })
 */
export function slider(options: SliderOptions): Chart {
  const params = paramsOf(options);
  params.forEach((p) => checkParamName(p.name));
  for (const p of params) if (p.values.length === 0 || p.values.some((v) => !Number.isFinite(v)) || new Set(p.values).size !== p.values.length) throw new Error(plotMsg.sliderValues(p.values));
  const runs = runsOf(options, params);
  if (new Set(runs.map((r) => keyOf(r.key))).size !== runs.length) throw new Error(plotMsg.sliderDuplicate());
  const series: Series[] = runs.map((r) => {
    const y = toNumbers("slider", r.y);
    const x = r.x !== undefined ? toNumbers("slider", r.x) : y.map((_, i) => i + 1);
    const keep = options.maxPoints !== undefined ? thin(y, options.maxPoints) : y.map((_, i) => i);
    return { name: keyOf(r.key), x: keep.map((i) => x[i]), y: keep.map((i) => y[i]) };
  });
  const { rows, marks, names } = seriesRows("slider", series, { x0: 1, logY: options.logY, clip: options.clip ?? lossClip(series) });
  const keyByName = new Map(names.map((n, i) => [n, runs[i].key]));
  const tag = (r: Row) => ({ ...Object.fromEntries((keyByName.get(r.series) as number[]).map((v, k) => [`p${k}`, v])), x: r.x, y: r.y });
  const steps = params.map((p) => sliderStep(p.values));
  const inits = params.map((p) => fix(p.init ?? p.values[0]));
  params.forEach((p, k) => { if (!p.values.includes(inits[k])) throw new Error(plotMsg.sliderInit(p.name, inits[k], [...p.values].sort((a, b) => a - b))); });
  const match = (k: number) => `abs(datum.p${k} - ${params[k].name}) < ${steps[k] / 2}`;
  const pick = params.map((_, k) => match(k)).join(" && ");
  const ys = rows.map((r) => r.y), xs = rows.map((r) => r.x);
  const [width, height] = [options.width ?? 420, options.height ?? 250];
  const x = { field: "x", type: "quantitative", title: options.xTitle ?? "epoch", scale: fromZero(xs), axis: { tickCount: Math.max(3, Math.round(width / 75)) } };
  const yAxis = options.logY ? logAxis(Math.min(...positive(ys)), Math.max(...positive(ys))) : { scale: fromZero(ys), axis: { tickCount: Math.max(3, Math.round(height / 45)) } };
  const y = { field: "y", type: "quantitative", title: options.yTitle ?? "loss", ...yAxis };
  const layers: object[] = [];
  if (options.ghost ?? true) {
    const same = params.slice(0, -1).map((_, k) => match(k)).join(" && ");
    // Light to dark grey with the last slider's value, with a legend: a static SVG says which grey curve is which.
    const last = params[params.length - 1];
    const shades = { field: `p${params.length - 1}`, type: "quantitative", scale: { type: greyScale(last.values), range: ["#dddddd", "#505050"] }, legend: { title: `grey: ${last.label ?? last.name}`, titleLimit: 220, gradientLength: 110 } };
    layers.push({ ...(same ? { transform: [{ filter: same }] } : {}), mark: { type: "line", strokeWidth: 1, opacity: 0.7 }, encoding: { x, y, color: shades, detail: { field: `p${params.length - 1}`, type: "nominal" } } });
  }
  layers.push({ transform: [{ filter: pick }], mark: { type: "line", color: options.color ?? "#c51b8a", strokeWidth: 2.5 }, encoding: { x, y } });
  if (marks.length > 0) {
    const at = { values: marks.map(tag) };
    layers.push({ data: at, transform: [{ filter: pick }], mark: { type: "point", shape: "cross", filled: true, size: 160, color: "#d62728", opacity: 1 }, encoding: { x, y } });
    layers.push({ data: at, transform: [{ filter: pick }], mark: { type: "text", text: "diverged", align: "left", dx: 8, dy: 8, color: "#d62728" }, encoding: { x, y } });
  }
  const notes = Object.fromEntries(runs.filter((r) => r.note !== undefined).map((r) => [keyOf(r.key), ` (${r.note})`]));
  const setting = params.map((p) => `${JSON.stringify(`${p.label ?? p.name} = `)} + format(${p.name}, '.4~g')`).join(" + ', ' + ");
  const note = Object.keys(notes).length ? ` + (${JSON.stringify(notes)}[${params.map((p) => `toString(${p.name})`).join(" + '|' + ")}] || '')` : "";
  const others = params.length > 1 ? `other values of ${params[params.length - 1].label ?? params[params.length - 1].name}` : "other runs";
  return finish({
    description: `slider over ${params.map((p) => p.name).join(" and ")} (${runs.length} runs), showing ${params.map((p, k) => `${p.name} = ${inits[k]}`).join(", ")}`,
    title: {
      text: { expr: `${JSON.stringify(options.title !== undefined ? `${options.title}: ` : "")} + ${setting}${note}` },
      subtitle: [`thick: the selected run; grey: the ${others}`, plotMsg.slidersWork(params.length).join(" ")],
    },
    width,
    height,
    params: params.flatMap((p, k) => sliderParams(p.name, p.label ?? p.name, [...p.values].sort((a, b) => a - b), steps[k], inits[k])),
    data: { values: rows.map(tag) },
    layer: layers,
  });
}
