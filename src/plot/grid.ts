// Evaluating a function of two variables on a regular grid, for heatmaps and vector fields.
import { Tensor } from "../tensor";
import { describe, plotMsg } from "./messages";

/** A closed interval [min, max] (checked when used). */
export type Range = readonly number[];

/** A regular grid: nx × ny points spanning the two ranges. */
export interface Grid {
  xs: number[];
  ys: number[];
  dx: number;
  dy: number;
}

/** Validates a range or throws a message naming the axis. */
export function checkRange(where: string, axis: string, r: unknown): Range {
  const ok = Array.isArray(r) && r.length === 2 && r.every((v) => typeof v === "number" && Number.isFinite(v)) && r[0] < r[1];
  if (!ok) throw new Error(plotMsg.range(where, axis, r));
  return r as unknown as Range;
}

/** The grid for the ranges, with `steps` points per axis (a number or [nx, ny]). */
export function makeGrid(where: string, x: unknown, y: unknown, steps: number | readonly [number, number]): Grid {
  const rx = checkRange(where, "x", x), ry = checkRange(where, "y", y);
  const [nx, ny] = typeof steps === "number" ? [steps, steps] : steps;
  const ok = (n: unknown) => typeof n === "number" && Number.isInteger(n) && n >= 2 && n <= 200;
  if (!ok(nx) || !ok(ny)) throw new Error(plotMsg.steps(where, steps));
  const dx = (rx[1] - rx[0]) / (nx - 1), dy = (ry[1] - ry[0]) / (ny - 1);
  return {
    xs: Array.from({ length: nx }, (_, i) => rx[0] + i * dx),
    ys: Array.from({ length: ny }, (_, j) => ry[0] + j * dy),
    dx,
    dy,
  };
}

/** A function's result as a number (a one-element Tensor counts). */
export function scalarOf(where: string, v: unknown, x: number, y: number): number {
  if (typeof v === "number") return v;
  if (v instanceof Tensor && v.data.length === 1) return v.data[0];
  throw new Error(plotMsg.fnValue(where, x, y, describe(v)));
}

/** A vector function's result as [dx, dy]. */
export function pairOf(v: unknown, x: number, y: number): [number, number] {
  if (Array.isArray(v) && v.length === 2) return [scalarOf("vectorField", v[0], x, y), scalarOf("vectorField", v[1], x, y)];
  if (v instanceof Tensor && v.data.length === 2) return [v.data[0], v.data[1]];
  throw new Error(plotMsg.vectorValue(x, y, describe(v)));
}
