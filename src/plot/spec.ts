// What every builder returns: a plain Vega-Lite v5 spec (JSON-serialisable) that also knows
// how to display itself as the last expression of a notebook cell.
import type { TopLevelSpec } from "vega-lite";
import { renderSvg } from "./render";

export const VEGA_LITE_V5 = "https://vega.github.io/schema/vega-lite/v5.json";
export const VEGALITE_MIME = "application/vnd.vegalite.v5+json";
const DISPLAY = Symbol.for("Jupyter.display");

/** A Jupyter mime bundle: mime type → content (the Vega-Lite entry is an object, not a string). */
export interface MimeBundle {
  "text/plain": string;
  "application/vnd.vegalite.v5+json"?: object;
  "image/svg+xml"?: string;
  [mime: string]: unknown;
}

/** A Vega-Lite v5 spec as the builders return it. */
export type Chart = TopLevelSpec;

/** Common options of the builders. */
export interface ChartOptions {
  title?: string;
  width?: number;
  height?: number;
}

/**
 * The mime bundle of a spec: the spec itself, its SVG fallback and a one-line text. A spec vega
 * cannot render still goes out (JupyterLab shows vega-embed's own error); the text says why
 * the fallback is missing.
 */
export function chartBundle(spec: Chart): MimeBundle {
  const plain = JSON.parse(JSON.stringify(spec)) as object;
  const text = `<Vega-Lite chart${spec.description ? `: ${spec.description}` : ""}>`;
  try {
    return { [VEGALITE_MIME]: plain, "image/svg+xml": renderSvg(spec), "text/plain": text };
  } catch (e) {
    return { [VEGALITE_MIME]: plain, "text/plain": `${text}\n${(e as Error).message}` };
  }
}

/** Adds $schema, a readable default font and the hidden display method to a spec. */
export function finish<T extends object>(spec: T): Chart {
  const full = { $schema: VEGA_LITE_V5, ...spec } as Record<string, unknown>;
  full.config = { font: "DejaVu Sans, Verdana, sans-serif", legend: { labelLimit: 320 }, ...(full.config as object | undefined) };
  Object.defineProperty(full, DISPLAY, { value: () => chartBundle(full as unknown as Chart), enumerable: false });
  return full as unknown as Chart;
}

/** True for a Vega-Lite spec object (ours or hand-written). */
export function isChart(x: unknown): x is Chart {
  if (typeof x !== "object" || x === null || Array.isArray(x)) return false;
  const s = x as Record<string, unknown>;
  if (typeof s.$schema === "string") return s.$schema.includes("vega-lite");
  return ["mark", "layer", "hconcat", "vconcat", "concat", "facet", "repeat"].some((k) => k in s);
}
