// Axis and colour conventions shared by the builders: log axes ticked at powers of ten with one
// number format, value axes that start at 0, and the palette series colours come from.

/** Vega-Lite's default categorical colours (tableau10), so merged layers keep familiar colours. */
export const PALETTE = ["#4c78a8", "#f58518", "#e45756", "#72b7b2", "#54a24b", "#eeca3b", "#b279a2", "#ff9da6", "#9d755d", "#bab0ac"];

/**
 * A log scale spanning whole decades around [min, max] (so a flat curve never sits on the
 * border), ticked at powers of ten in one format: plain numbers between 1e-4 and 1e4, else 1e-6 style.
 */
export function logAxis(min: number, max: number): { scale: object; axis: object } {
  const lo = Math.floor(Math.log10(min) + 1e-9);
  let hi = Math.ceil(Math.log10(max) - 1e-9);
  if (hi <= lo) hi = lo + 1;
  const every = Math.ceil((hi - lo + 1) / 9);
  const values: number[] = [];
  for (let k = hi; k >= lo; k -= every) values.unshift(Number(`1e${k}`));
  const plain = lo >= -4 && hi <= 4;
  return {
    scale: { type: "log", domain: [Number(`1e${lo}`), Number(`1e${hi}`)], nice: false },
    // d3's exponent format writes 1e+0; the label expression writes 1e0, 1e-12.
    axis: plain ? { values, format: "~g" } : { values, labelExpr: "'1e' + format(round(log(datum.value) / LN10), 'd')" },
  };
}

/** A linear domain from 0 (or below, for negative data) to the data's end, rounded outwards. */
export function fromZero(values: readonly number[]): { domain: [number, number]; nice: boolean } {
  const lo = Math.min(0, ...values), hi = Math.max(0, ...values);
  return { domain: [lo, hi === lo ? lo + 1 : hi], nice: true };
}

/** The positive, finite values (what a log axis can show). */
export const positive = (values: readonly number[]): number[] => values.filter((v) => Number.isFinite(v) && v > 0);
