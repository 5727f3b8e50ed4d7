// Gradient-descent paths drawn over a heatmap: one colour per run (with a white halo, so it reads
// on any colour scheme), a dot per step (their spacing shows the speed), and a legend that names
// the runs and explains the start (●) and end (✕) markers.
import { Tensor } from "../tensor";
import { isValues, round6, toNumbers, type Values } from "./data";
import { describe, plotMsg } from "./messages";

/** Points of a path: [[x, y], …], a Tensor of shape [n, 2], or {x, y}. */
export type PathPoints = readonly (readonly number[])[] | Tensor | { x: Values; y: Values };

/** A named trajectory (e.g. one gradient-descent run). */
export interface Trajectory {
  name?: string;
  points: PathPoints;
}

const RUN_COLORS = ["#111111", "#e7298a", "#ff7f0e", "#17becf", "#9467bd", "#8c564b"];
// An ✕ as a filled polygon, so the legend draws the same symbol as the chart.
const CROSS = "M-0.8,-1L0,-0.2L0.8,-1L1,-0.8L0.2,0L1,0.8L0.8,1L0,0.2L-0.8,1L-1,0.8L-0.2,0L-1,-0.8Z";

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

/** One row per finite point (run, step, x, y), and the runs' names in order. */
export function trajectoryRows(list: readonly (PathPoints | Trajectory)[]): { rows: Record<string, number | string>[]; runs: string[] } {
  const runs: string[] = [];
  const rows = list.flatMap((t, i) => {
    const named = typeof t === "object" && t !== null && "points" in t;
    const run = named && (t as Trajectory).name !== undefined ? (t as Trajectory).name as string : `run ${i + 1}`;
    runs.push(run);
    const { x, y } = pathXY(i, named ? (t as Trajectory).points : (t as PathPoints));
    const ok = x.map((_, k) => k).filter((k) => Number.isFinite(x[k]) && Number.isFinite(y[k]));
    return ok.map((k, n) => ({ run, step: k, x: round6(x[k]), y: round6(y[k]), marker: n === 0 ? "start" : n === ok.length - 1 ? "end" : "" }));
  });
  return { rows, runs };
}

/** The layers drawing the paths on the heatmap's axes (xEnc / yEnc carry its scales). */
export function trajectoryLayers(rows: object[], runs: readonly string[], xEnc: object, yEnc: object): object[] {
  const data = { values: rows };
  const pos = { x: { ...xEnc, field: "x" }, y: { ...yEnc, field: "y" } };
  const color = { field: "run", type: "nominal", title: "run", sort: [...runs], scale: { domain: [...runs], range: runs.map((_, i) => RUN_COLORS[i % RUN_COLORS.length]) } };
  const path = { detail: { field: "run" }, order: { field: "step" } };
  return [
    { data, mark: { type: "line", color: "white", strokeWidth: 4.5, opacity: 0.85, clip: true }, encoding: { ...pos, ...path } },
    { data, mark: { type: "line", strokeWidth: 2, clip: true }, encoding: { ...pos, ...path, color } },
    { data, mark: { type: "point", filled: true, size: 14, opacity: 1, clip: true }, encoding: { ...pos, color: { ...color, legend: null }, tooltip: [{ field: "run" }, { field: "step" }, { field: "x" }, { field: "y" }] } },
    {
      data,
      transform: [{ filter: "datum.marker !== ''" }],
      mark: { type: "point", filled: true, size: 170, opacity: 1, stroke: "white", strokeWidth: 1.5, clip: true },
      encoding: { ...pos, color: { ...color, legend: null }, shape: { field: "marker", type: "nominal", title: null, scale: { domain: ["start", "end"], range: ["circle", CROSS] }, legend: { symbolStrokeWidth: 0, symbolFillColor: "#333333", symbolSize: 110 } } },
    },
  ];
}
