// The Vega-Lite params behind a slider: a value bound to a range input (or, for an uneven ladder
// of values, an index bound to it and the value derived), shared by plot.slider and plot.matrix.
import { plotMsg } from "./messages";

/** Throws unless name can be a Vega param (it appears in expressions). */
export function checkParamName(name: string): void {
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) throw new Error(plotMsg.paramName(name));
}

/** The smallest gap between the values (the slider's step; 1 for a single value). */
export function sliderStep(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const gaps = sorted.slice(1).map((v, i) => v - sorted[i]);
  return gaps.length ? Number(Math.min(...gaps).toPrecision(10)) : 1;
}

/**
 * The slider's params. An evenly spaced ladder binds the value itself; an uneven one (0.001, 0.003,
 * 0.01, …) cannot, because the browser snaps a range input to min + k·step and would miss values,
 * so it binds the index and derives the value (checked in Chromium with vega-embed 6).
 */
export function sliderParams(name: string, label: string, sorted: readonly number[], step: number, init: number): object[] {
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
