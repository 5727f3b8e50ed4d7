// show(): the one place where gradlab does display I/O. A chart, a spec or anything with a
// Jupyter display method becomes one mime bundle, handed to the sink the kernel installs
// (or printed as text outside a kernel).
import { describe, plotMsg } from "./plot/messages";
import { chartBundle, isChart, type MimeBundle } from "./plot/spec";

export type { MimeBundle } from "./plot/spec";

/** Receives each bundle show() produces (the kernel sends it as display_data). */
export type DisplaySink = (bundle: MimeBundle) => void | Promise<void>;

let sink: DisplaySink | null = null;
const DISPLAY = Symbol.for("Jupyter.display");

/** Installs the display sink (the kernel does this); null restores printing to the console. */
export function setDisplaySink(next: DisplaySink | null): void {
  sink = next;
}

/** The mime bundle of a chart, spec or displayable value, synchronously. */
export function bundleOf(x: unknown): MimeBundle {
  if (typeof x === "object" && x !== null && typeof (x as Record<symbol, unknown>)[DISPLAY] === "function") {
    return (x as Record<symbol, () => MimeBundle>)[DISPLAY]();
  }
  if (isChart(x)) return chartBundle(x);
  throw new Error(plotMsg.notDisplayable(describe(x)));
}

/** The bundle show(x) would display: Vega-Lite JSON + SVG fallback + text (for runners, tests, reports). */
export async function displayBundle(x: unknown): Promise<MimeBundle> {
  return bundleOf(x);
}

/**
 * Displays a chart, a Vega-Lite spec or a tensor as one mime bundle; resolves once it was sent.
 * @example await show(plot.lossCurve(losses))
 */
export async function show(x: unknown): Promise<void> {
  const bundle = bundleOf(x);
  if (sink === null) console.log(bundle["text/plain"]);
  else await sink(bundle);
}
