// A matrix as a grid of whole cells with named rows and columns (items × features, RSMs, a
// depth × learning-rate table): a continuous colour scale, or discrete values with labels (±1 as
// no / yes); NaN cells drawn grey and named in the legend; optional frames shown by a slider.
import { Tensor } from "../tensor";
import { round6 } from "./data";
import { describe, plotMsg } from "./messages";
import { sliderParams, sliderStep } from "./slider-params";
import { type Chart, type ChartOptions, finish } from "./spec";

/** A 2-D tensor or rows of numbers. */
export type MatrixValues = Tensor | readonly (readonly number[])[];

/** Options of matrix. */
export interface MatrixOptions extends ChartOptions {
  /** Row names, top to bottom (default 0, 1, …). */
  rows?: readonly string[];
  /** Column names, left to right (default 0, 1, …). */
  cols?: readonly string[];
  rowTitle?: string | null;
  colTitle?: string | null;
  colorTitle?: string;
  /** A Vega colour scheme (default "purples"). */
  scheme?: string;
  reverse?: boolean;
  /** The colour scale's [min, max]; give several matrices the same one to compare them. */
  domain?: readonly [number, number];
  /** Discrete values as [value, label, colour?], e.g. [[-1, "no"], [1, "yes"]]. */
  categories?: readonly (readonly [number, string, string?])[];
  /** What a NaN cell means (drawn grey, named in the legend), e.g. "did not converge". */
  missing?: string;
  /** Writes each value in its cell with this d3 format, e.g. "d" or ".2f". */
  text?: string;
  /** Cell size in pixels (default 30). */
  cell?: number;
  /** Cells to outline, as [row, column] indices (e.g. the best setting of each row). */
  outline?: readonly (readonly [number, number])[];
  /** Then `values` is a list of matrices, one per value, shown one at a time by a slider. */
  frames?: { name: string; label?: string; values: readonly number[]; init?: number };
}

const CATEGORY_COLORS = ["#f0f0f0", "#6a51a3", "#fd8d3c", "#31a354"];

function rowsOf(where: string, m: unknown): number[][] {
  if (m instanceof Tensor && m.shape.length === 2) return m.toArray() as number[][];
  if (Array.isArray(m) && m.length > 0 && m.every((r) => Array.isArray(r) && r.length === m[0].length && r.every((v: unknown) => typeof v === "number"))) return m as number[][];
  throw new Error(plotMsg.matrixValues(where, describe(m)));
}

/**
 * A matrix drawn cell by cell, with row and column names.
 * @example plot.matrix([[1, 0.2], [0.2, 1]], { rows: ["Rose", "Oak"], cols: ["Rose", "Oak"], domain: [0, 1] })
 */
export function matrix(values: MatrixValues | readonly MatrixValues[], options: MatrixOptions = {}): Chart {
  const frames = options.frames;
  const list = frames ? (values as readonly MatrixValues[]).map((m) => rowsOf("matrix", m)) : [rowsOf("matrix", values)];
  if (frames && list.length !== frames.values.length) throw new Error(plotMsg.matrixFrames(list.length, frames.values.length));
  const [nr, nc] = [list[0].length, list[0][0].length];
  if (list.some((m) => m.length !== nr || m[0].length !== nc)) throw new Error(plotMsg.matrixShapes());
  const rows = options.rows ?? Array.from({ length: nr }, (_, i) => String(i));
  const cols = options.cols ?? Array.from({ length: nc }, (_, j) => String(j));
  if (rows.length !== nr || cols.length !== nc) throw new Error(plotMsg.matrixNames(nr, nc, rows.length, cols.length));
  const labelOf = new Map((options.categories ?? []).map(([v, label]) => [v, label]));
  const cells = list.flatMap((m, f) => m.flatMap((row, i) => row.map((v, j) => ({
    r: rows[i], c: cols[j], v: Number.isFinite(v) ? round6(v) : null, ...(labelOf.size ? { label: labelOf.get(v) ?? String(v) } : {}), ...(frames ? { p: frames.values[f] } : {}),
  }))));
  const cell = options.cell ?? 30;
  const pos = {
    x: { field: "c", type: "ordinal", sort: [...cols], scale: { domain: [...cols] }, title: options.colTitle === undefined ? null : options.colTitle, axis: { labelAngle: cols.some((c) => c.length > 3) ? -40 : 0 } },
    y: { field: "r", type: "ordinal", sort: [...rows], scale: { domain: [...rows] }, title: options.rowTitle === undefined ? null : options.rowTitle },
  };
  const color = options.categories
    ? { field: "label", type: "nominal", title: options.colorTitle ?? null, scale: { domain: options.categories.map(([, l]) => l), range: options.categories.map(([, , c], k) => c ?? CATEGORY_COLORS[k % CATEGORY_COLORS.length]) } }
    : { field: "v", type: "quantitative", title: options.colorTitle ?? "value", scale: { scheme: options.scheme ?? "purples", ...(options.domain ? { domain: [...options.domain] } : {}), ...(options.reverse ? { reverse: true } : {}) } };
  const step = frames ? sliderStep(frames.values) : 1;
  const pick = frames ? [{ filter: `abs(datum.p - ${frames.name}) < ${step / 2}` }] : [];
  const layers: object[] = [
    { transform: [...pick, { filter: "datum.v !== null" }], mark: { type: "rect", stroke: "white", strokeWidth: 0.5 }, encoding: { ...pos, color, tooltip: [{ field: "r", title: "row" }, { field: "c", title: "column" }, { field: "v", title: "value" }] } },
  ];
  if (options.missing !== undefined && cells.some((c) => c.v === null)) {
    layers.push({ transform: [...pick, { filter: "datum.v === null" }, { calculate: JSON.stringify(options.missing), as: "status" }], mark: { type: "rect", stroke: "white", strokeWidth: 0.5 }, encoding: { ...pos, fill: { field: "status", type: "nominal", title: null, scale: { domain: [options.missing], range: ["#d9d9d9"] } } } });
  }
  if (options.text !== undefined) {
    // White on the darker half of the scale, black on the lighter half.
    const finite = cells.map((c) => c.v).filter((v): v is number => v !== null);
    const [lo, hi] = options.domain ?? [Math.min(...finite), Math.max(...finite)];
    const ink = { condition: { test: `datum.v > ${(lo + hi) / 2}`, value: options.reverse ? "black" : "white" }, value: options.reverse ? "white" : "black" };
    layers.push({ transform: [...pick, { filter: "datum.v !== null" }], mark: { type: "text", fontSize: 10 }, encoding: { ...pos, text: { field: "v", type: "quantitative", format: options.text }, color: ink } });
  }
  if (options.outline?.length) {
    const boxes = options.outline.map(([i, j]) => ({ r: rows[i], c: cols[j] }));
    layers.push({ data: { values: boxes }, mark: { type: "rect", filled: false, stroke: "#111111", strokeWidth: 2.5 }, encoding: pos });
  }
  const title = frames
    ? { text: { expr: `${JSON.stringify(`${options.title !== undefined ? `${options.title}, ` : ""}${frames.label ?? frames.name} = `)} + format(${frames.name}, '.4~g')` }, subtitle: plotMsg.slidersWork(1) }
    : options.title;
  return finish({
    description: `matrix ${nr}×${nc}${frames ? `, ${list.length} frames by ${frames.name}` : ""}`,
    ...(title !== undefined ? { title } : {}),
    width: options.width ?? cell * nc,
    height: options.height ?? cell * nr,
    ...(frames ? { params: sliderParams(frames.name, frames.label ?? frames.name, [...frames.values].sort((a, b) => a - b), step, frames.init ?? frames.values[0]) } : {}),
    data: { values: cells },
    layer: layers,
  });
}
