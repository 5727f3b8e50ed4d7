// Turning what students pass (arrays, Float64Arrays, Tensors) into validated series rows,
// with a diverged run drawn up to where it leaves the chart and marked there.
import { Tensor } from "../tensor";
import { describe, plotMsg } from "./messages";

/** Numbers a builder accepts: an array, a Float64Array or a Tensor (flattened). */
export type Values = readonly number[] | Float64Array | Tensor;

/** One named series; x defaults to 0, 1, 2, … (lossCurve: 1, 2, 3, …). */
export interface Series {
  name?: string;
  x?: Values;
  y: Values;
}

/** Several series: a list, or an object whose keys are the series names. */
export type ManySeries = Values | Series | readonly Series[] | Readonly<Record<string, Values>>;

/** A plotted point; `series` names its series (and keeps the legend order). */
export interface Row {
  series: string;
  x: number;
  y: number;
}

/** True for the value kinds in `Values`. */
export function isValues(v: unknown): v is Values {
  return Array.isArray(v) || v instanceof Float64Array || v instanceof Tensor;
}

/** The values as a plain number array, or a clear error. */
export function toNumbers(where: string, v: unknown): number[] {
  if (v instanceof Tensor) return Array.from(v.data);
  if (v instanceof Float64Array) return Array.from(v);
  if (Array.isArray(v) && v.every((e) => typeof e === "number")) return v as number[];
  if (Array.isArray(v) && v.every((e) => e instanceof Tensor && e.data.length === 1)) return v.map((e: Tensor) => e.data[0]);
  throw new Error(plotMsg.notValues(where, describe(v)));
}

/** Normalises the accepted series shapes into a list of named series. */
export function toSeries(where: string, input: ManySeries): Series[] {
  if (isValues(input)) {
    if (Array.isArray(input) && input.length > 0 && typeof input[0] === "object" && !(input[0] instanceof Tensor)) {
      return (input as readonly Series[]).map((s, i) => ({ ...s, name: s.name ?? `series ${i + 1}` }));
    }
    return [{ name: "y", y: input }];
  }
  if (typeof input === "object" && input !== null && "y" in input && isValues((input as Series).y)) {
    const s = input as Series;
    return [{ ...s, name: s.name ?? "y" }];
  }
  if (typeof input === "object" && input !== null) {
    return Object.entries(input as Record<string, Values>).map(([name, y]) => ({ name, y }));
  }
  throw new Error(plotMsg.notValues(where, describe(input)));
}

/** Rounds to 6 significant digits: charts need no more and notebooks stay small. */
export const round6 = (v: number): number => (v === 0 || !Number.isFinite(v) ? v : Number(v.toPrecision(6)));

/** Rows of the series plus the diverged points to mark; x starts at `x0` when not given. */
export function seriesRows(where: string, input: ManySeries, opts: { x0: number; logY?: boolean; clip?: number }): { rows: Row[]; marks: Row[]; names: string[] } {
  const list = toSeries(where, input);
  if (list.length === 0) throw new Error(plotMsg.noSeries(where));
  const parsed = list.map((s) => {
    const y = toNumbers(`${where} (${s.name})`, s.y);
    if (y.length === 0) throw new Error(plotMsg.empty(`${where} (${s.name})`));
    const x = s.x === undefined ? y.map((_, i) => i + opts.x0) : toNumbers(`${where} (${s.name} x)`, s.x);
    if (x.length !== y.length) throw new Error(plotMsg.lengths(`${where} (${s.name})`, x.length, y.length));
    return { name: s.name as string, x, y };
  });
  const drawable = (v: number) => Number.isFinite(v) && (!opts.logY || v > 0);
  const all = parsed.flatMap((p) => p.y);
  if (!all.some(Number.isFinite)) throw new Error(plotMsg.allNonFinite(where));
  if (!all.some(drawable)) throw new Error(plotMsg.noPositive(where));
  const top = opts.clip ?? Math.max(...all.filter(drawable));
  const rows: Row[] = [];
  const marks: Row[] = [];
  const names: string[] = [];
  for (const p of parsed) {
    const bad = p.y.findIndex((v) => (Number.isNaN(v) || v === Infinity || v > top));
    const name = bad >= 0 ? `${p.name} (diverged)` : p.name;
    names.push(name);
    // A diverged run is drawn up to the top of the chart where it left it, and no further.
    const end = bad >= 0 ? bad : p.y.length;
    for (let i = 0; i < end; i++) if (drawable(p.y[i])) rows.push({ series: name, x: p.x[i], y: round6(p.y[i]) });
    if (bad >= 0) {
      rows.push({ series: name, x: p.x[bad], y: round6(top) });
      marks.push({ series: name, x: p.x[bad], y: round6(top) });
    }
  }
  return { rows, marks, names };
}

/** The default clip for loss curves: well above every run's start, so a divergence shows. */
export function lossClip(input: ManySeries): number | undefined {
  const firsts = toSeries("lossCurve", input).map((s) => toNumbers("lossCurve", s.y).find((v) => Number.isFinite(v)));
  const finite = firsts.filter((v): v is number => v !== undefined && v > 0);
  return finite.length === 0 ? undefined : 10 * Math.max(...finite);
}
