// A 2-D function as a coloured grid (a loss landscape, or contour-like bands with `levels`),
// with gradient-descent trajectories on top: path coloured by step, start and end marked.
import { Tensor } from "../tensor";
import { isValues, round6, toNumbers, type Values } from "./data";
import { makeGrid, type Range, scalarOf } from "./grid";
import { describe, plotMsg } from "./messages";
import { type Chart, type ChartOptions, finish } from "./spec";

/** Points of a path: [[x, y], …], a Tensor of shape [n, 2], or {x, y}. */
export type PathPoints = readonly (readonly number[])[] | Tensor | { x: Values; y: Values };

/** A named trajectory (e.g. one gradient-descent run). */
export interface Trajectory {
  name?: string;
  points: PathPoints;
}

/** Options of heatmap. */
export interface HeatmapOptions extends ChartOptions {
  x: Range;
  y: Range;
  /** Grid points per axis (default 50), or [nx, ny]. */
  steps?: number | readonly [number, number];
  /** Colour in this many flat bands (a filled-contour look) instead of a smooth scale. */
  levels?: number;
  /** A Vega colour scheme name (default "viridis"). */
  scheme?: string;
  xTitle?: string;
  yTitle?: string;
  colorTitle?: string;
  trajectories?: readonly (PathPoints | Trajectory)[];
}

function pathXY(i: number, p: PathPoints): { x: number[]; y: number[] } {
  if (p instanceof Tensor && p.shape.length === 2 && p.shape[1] === 2) {
    const d = Array.from(p.data);
    return { x: d.filter((_, k) => k % 2 === 0), y: d.filter((_, k) => k % 2 === 1) };
  }
  if (Array.isArray(p) && p.every((q) => isValues(q) && toNumbers("heatmap", q).length === 2)) {
    const pts = p.map((q) => toNumbers("heatmap", q));
    return { x: pts.map((q) => q[0]), y: pts.map((q) => q[1]) };
  }
  if (typeof p === "object" && p !== null && "x" in p && "y" in p) {
    const x = toNumbers(`heatmap trajectory ${i}`, p.x), y = toNumbers(`heatmap trajectory ${i}`, p.y);
    if (x.length === y.length && x.length > 0) return { x, y };
  }
  throw new Error(plotMsg.trajectory(i, describe(p)));
}

function trajectoryRows(list: readonly (PathPoints | Trajectory)[]): object[] {
  return list.flatMap((t, i) => {
    const named = typeof t === "object" && t !== null && "points" in t;
    const run = named && (t as Trajectory).name !== undefined ? (t as Trajectory).name : `run ${i + 1}`;
    const { x, y } = pathXY(i, named ? (t as Trajectory).points : (t as PathPoints));
    const ok = x.map((_, k) => k).filter((k) => Number.isFinite(x[k]) && Number.isFinite(y[k]));
    return ok.map((k, n) => ({ run, step: k, x: round6(x[k]), y: round6(y[k]), end: n === 0 ? "start" : n === ok.length - 1 ? "end" : "" }));
  });
}

function trajectoryLayers(rows: object[], xEnc: object, yEnc: object): object[] {
  const data = { values: rows };
  const pos = { x: { ...xEnc, field: "x" }, y: { ...yEnc, field: "y" } };
  return [
    { data, mark: { type: "line", color: "white", strokeWidth: 1.5, opacity: 0.8, clip: true }, encoding: { ...pos, detail: { field: "run" }, order: { field: "step" } } },
    {
      data,
      mark: { type: "point", filled: true, size: 28, clip: true },
      encoding: { ...pos, color: { field: "step", type: "quantitative", scale: { scheme: "greys" }, title: "step" }, tooltip: [{ field: "run" }, { field: "step" }, { field: "x" }, { field: "y" }] },
    },
    { data, transform: [{ filter: "datum.end === 'start'" }], mark: { type: "point", shape: "circle", filled: true, size: 140, color: "#1f77b4", stroke: "white", strokeWidth: 1.5, clip: true }, encoding: pos },
    { data, transform: [{ filter: "datum.end === 'end'" }], mark: { type: "point", shape: "cross", angle: 45, filled: true, size: 220, color: "#d62728", stroke: "white", strokeWidth: 1, clip: true }, encoding: pos },
  ];
}

/**
 * f(x, y) on a grid as colours, optionally with gradient-descent paths on top.
 * @example plot.heatmap((w1, w2) => loss(w1, w2), { x: [-2, 2], y: [-2, 2], trajectories: [path] })
 */
export function heatmap(f: (x: number, y: number) => number | Tensor, options: HeatmapOptions): Chart {
  const g = makeGrid("heatmap", options.x, options.y, options.steps ?? 50);
  const cells: object[] = [];
  for (const y of g.ys) for (const x of g.xs) cells.push({ x: round6(x), y: round6(y), z: round6(scalarOf("heatmap", f(x, y), x, y)) });
  const xEnc = { type: "quantitative", title: options.xTitle ?? "x", axis: { grid: false }, scale: { domain: [...options.x], nice: false, zero: false } };
  const yEnc = { type: "quantitative", title: options.yTitle ?? "y", axis: { grid: false }, scale: { domain: [...options.y], nice: false, zero: false } };
  const scheme = options.scheme ?? "viridis";
  const width = options.width ?? 360, height = options.height ?? 360;
  const hx = round6(g.dx / 2 + (0.5 * (options.x[1] - options.x[0])) / width);
  const hy = round6(g.dy / 2 + (0.5 * (options.y[1] - options.y[0])) / height);
  const colorScale = options.levels !== undefined ? { type: "quantize", scheme: { name: scheme, count: options.levels } } : { scheme };
  const field = {
    data: { values: cells },
    transform: [
      // Cells overlap by about a pixel so anti-aliasing leaves no seams between them.
      { calculate: `datum.x - ${hx}`, as: "x0" }, { calculate: `datum.x + ${hx}`, as: "x1" },
      { calculate: `datum.y - ${hy}`, as: "y0" }, { calculate: `datum.y + ${hy}`, as: "y1" },
    ],
    // No per-cell aria labels: they would double the SVG fallback's size.
    mark: { type: "rect", clip: true, opacity: 1, aria: false },
    encoding: {
      x: { ...xEnc, field: "x0" }, x2: { field: "x1" }, y: { ...yEnc, field: "y0" }, y2: { field: "y1" },
      color: { field: "z", type: "quantitative", title: options.colorTitle ?? "f(x, y)", scale: colorScale },
      tooltip: [{ field: "x" }, { field: "y" }, { field: "z" }],
    },
  };
  const traj = trajectoryRows(options.trajectories ?? []);
  return finish({
    description: `heatmap, ${g.xs.length}×${g.ys.length} grid${traj.length ? `, ${(options.trajectories ?? []).length} trajectories` : ""}`,
    ...(options.title !== undefined ? { title: options.title } : {}),
    width,
    height,
    layer: [field, ...(traj.length ? trajectoryLayers(traj, xEnc, yEnc) : [])],
    ...(traj.length ? { resolve: { scale: { color: "independent" } } } : {}),
  });
}
