// A 2-D function as a coloured grid (a loss landscape, or contour-like bands with `levels`),
// with gradient-descent trajectories on top (src/plot/trajectories.ts).
import type { Tensor } from "../tensor";
import { round6 } from "./data";
import { makeGrid, type Range, scalarOf } from "./grid";
import { type Chart, type ChartOptions, finish } from "./spec";
import { type PathPoints, type Trajectory, trajectoryLayers, trajectoryRows } from "./trajectories";
import { vectorField, type VectorFn } from "./vector-field";

export type { PathPoints, Trajectory } from "./trajectories";

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
  /** Run the scheme backwards (e.g. "redblue" reversed: blue for low values, red for high). */
  reverse?: boolean;
  xTitle?: string;
  yTitle?: string;
  colorTitle?: string;
  trajectories?: readonly (PathPoints | Trajectory)[];
  /** Arrows of a vector field drawn under the trajectories (e.g. −∇ of the function shown). */
  arrows?: { field: VectorFn; steps?: number; normalize?: boolean; color?: string };
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
  const reverse = options.reverse ? { reverse: true } : {};
  const colorScale = options.levels !== undefined ? { type: "quantize", scheme: { name: scheme, count: options.levels }, ...reverse } : { scheme, ...reverse };
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
  const { rows: traj, runs } = trajectoryRows(options.trajectories ?? []);
  const arrows = options.arrows === undefined ? [] : arrowLayers(options, width, height);
  return finish({
    description: `heatmap, ${g.xs.length}×${g.ys.length} grid${traj.length ? `, ${runs.length} trajectories` : ""}`,
    ...(options.title !== undefined ? { title: options.title } : {}),
    width,
    height,
    layer: [field, ...arrows, ...(traj.length ? trajectoryLayers(traj, runs, xEnc, yEnc) : [])],
    ...(traj.length || arrows.length ? { resolve: { scale: { color: "independent" } } } : {}),
  });
}

function arrowLayers(o: HeatmapOptions, width: number, height: number): object[] {
  const a = o.arrows as NonNullable<HeatmapOptions["arrows"]>;
  const vf = vectorField(a.field, { x: o.x, y: o.y, xTitle: o.xTitle, yTitle: o.yTitle, steps: a.steps, normalize: a.normalize, color: a.color, width, height }) as unknown as { data: object; layer: object[] };
  return vf.layer.map((l) => ({ data: vf.data, ...l }));
}
