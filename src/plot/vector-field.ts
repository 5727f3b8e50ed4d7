// Arrows of a 2-D vector field over a grid, as on the "gradient points uphill" slide: each
// arrow starts at its grid point; lengths are scaled so the longest spans about one cell.
import type { Tensor } from "../tensor";
import { round6 } from "./data";
import { makeGrid, pairOf, type Range } from "./grid";
import { type Chart, type ChartOptions, finish } from "./spec";

/** A vector function of two variables, as vectorField draws it. */
export type VectorFn = (x: number, y: number) => readonly [number, number] | readonly (number | Tensor)[] | Tensor;

/** Options of vectorField. */
export interface VectorFieldOptions extends ChartOptions {
  x: Range;
  y: Range;
  /** Arrows per axis (default 11), or [nx, ny]. */
  steps?: number | readonly [number, number];
  /** Multiplies every arrow; by default the longest arrow is 0.9 grid cells long. */
  scale?: number;
  /** Draw every arrow the same length (directions only; colour by "magnitude" to keep sizes). */
  normalize?: boolean;
  /** A fixed colour (default "#d62728"), or "magnitude" to colour arrows by their length. */
  color?: string;
  xTitle?: string;
  yTitle?: string;
}

/**
 * Arrows of df(x, y) = [dx, dy] at the points of a grid (e.g. the gradient of a function).
 * @example plot.vectorField((x, y) => [2 * x * Math.cos(x * x + y * y), 2 * y * Math.cos(x * x + y * y)], { x: [-2.5, 2.5], y: [-2.5, 2.5] })
 */
export function vectorField(df: VectorFn, options: VectorFieldOptions): Chart {
  const g = makeGrid("vectorField", options.x, options.y, options.steps ?? 11);
  const w = options.width ?? 360, h = options.height ?? 360;
  const vecs: { x: number; y: number; u: number; v: number; m: number }[] = [];
  for (const y of g.ys) {
    for (const x of g.xs) {
      const [u, v] = pairOf(df(x, y), x, y);
      if (Number.isFinite(u) && Number.isFinite(v)) vecs.push({ x, y, u, v, m: Math.hypot(u, v) });
    }
  }
  // Scale in cell units so arrows on x and y look alike even when the ranges differ.
  const cellLen = (u: number, v: number) => Math.hypot(u / g.dx, v / g.dy);
  if (options.normalize) {
    for (const a of vecs) { const l = cellLen(a.u, a.v); if (l > 0) { a.u /= l; a.v /= l; } }
  }
  const longest = Math.max(0, ...vecs.map((a) => cellLen(a.u, a.v)));
  const k = options.scale ?? (longest > 0 ? (options.normalize ? 0.75 : 0.9) / longest : 0);
  const pxX = w / (options.x[1] - options.x[0]), pxY = h / (options.y[1] - options.y[0]);
  const rows = vecs.map((a) => {
    const len = Math.hypot(k * a.u * pxX, k * a.v * pxY);
    return {
      x: round6(a.x), y: round6(a.y), x2: round6(a.x + k * a.u), y2: round6(a.y + k * a.v), m: round6(a.m),
      // Vega's angle turns clockwise on screen, where y points down.
      angle: round6((Math.atan2(-a.v * pxY, a.u * pxX) * 180) / Math.PI),
      // Heads grow with the arrow (symbol size is an area) and vanish on stubs.
      head: len < 3 ? 0 : round6(Math.min(50, Math.max(6, (0.35 * len) ** 2))),
    };
  });
  const colorSpec = options.color === "magnitude"
    ? { field: "m", type: "quantitative", title: "|vector|", scale: { scheme: "plasma" } }
    : { value: options.color ?? "#d62728" };
  const pos = (field: string) => ({ field, type: "quantitative" });
  const xEnc = { ...pos("x"), title: options.xTitle ?? "x", axis: { grid: false }, scale: { domain: [...options.x], nice: false, zero: false } };
  const yEnc = { ...pos("y"), title: options.yTitle ?? "y", axis: { grid: false }, scale: { domain: [...options.y], nice: false, zero: false } };
  return finish({
    description: `vectorField, ${rows.length} arrows`,
    ...(options.title !== undefined ? { title: options.title } : {}),
    width: w,
    height: h,
    data: { values: rows },
    layer: [
      { mark: { type: "rule", strokeWidth: 1.5, clip: true, aria: false }, encoding: { x: xEnc, y: yEnc, x2: { field: "x2" }, y2: { field: "y2" }, color: colorSpec } },
      {
        transform: [{ filter: "datum.head > 0" }],
        mark: { type: "point", shape: "triangle-right", filled: true, opacity: 1, clip: true, aria: false },
        encoding: { x: { ...pos("x2"), scale: xEnc.scale }, y: { ...pos("y2"), scale: yEnc.scale }, angle: { field: "angle", type: "quantitative", scale: null }, size: { field: "head", type: "quantitative", scale: null }, color: colorSpec, tooltip: [{ field: "x" }, { field: "y" }, { field: "m", title: "length" }] },
      },
    ],
  });
}
