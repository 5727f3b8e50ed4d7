// show(), clearOutput() and display updates: the one place where gradlab does display I/O. A
// chart, a spec or anything with a Jupyter display method becomes one mime bundle, handed to the
// sink the kernel installs (src/hooks.ts), or printed as text outside a kernel.
import { describe, plotMsg } from "./plot/messages";
import { chartBundle, isChart, type MimeBundle } from "./plot/spec";

export type { MimeBundle } from "./plot/spec";

/** Receives each bundle show() produces; `displayId` shows it once per cell, then updates it in place. */
export type DisplaySink = (bundle: MimeBundle, target?: { displayId?: string }) => void | Promise<void>;

/** Receives clearOutput() calls. */
export type ClearSink = (wait: boolean) => void;

let sink: DisplaySink | null = null;
let clearSink: ClearSink | null = null;
const DISPLAY = Symbol.for("Jupyter.display");

/** Installs the display sink (the kernel does this); null restores printing to the console. */
export function setDisplaySink(next: DisplaySink | null): void {
  sink = next;
}

/** Installs the clear-output sink (the kernel does this); null makes clearOutput() do nothing. */
export function setClearSink(next: ClearSink | null): void {
  clearSink = next;
}

/** True when a notebook host receives displays (progress() then redraws in place). */
export function hasDisplaySink(): boolean {
  return sink !== null;
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

/** How show() places its output. */
export interface ShowOptions {
  /** Show it under this id: the first show() in a cell adds an output, later ones update that output in place. */
  displayId?: string;
}

/**
 * Displays a chart, a Vega-Lite spec or a tensor as one mime bundle; resolves once it was sent.
 * @example await show(plot.lossCurve(losses))
 * @example for (const epoch of [1, 2, 3]) show(plot.lossCurve(losses.slice(0, epoch)), { displayId: "loss" })
 */
export async function show(x: unknown, options: ShowOptions = {}): Promise<void> {
  const bundle = bundleOf(x);
  if (sink === null) console.log(bundle["text/plain"]);
  else await sink(bundle, options.displayId === undefined ? undefined : { displayId: options.displayId });
}

/** What clearOutput() takes. */
export interface ClearOutputOptions {
  /** Clear only when the next output arrives (no flicker when redrawing in a loop), as IPython's clear_output(wait=True). */
  wait?: boolean;
}

/**
 * Clears the output of the running cell, as IPython's clear_output().
 * @example clearOutput({ wait: true })
 */
export function clearOutput(options: ClearOutputOptions = {}): void {
  clearSink?.(options.wait === true);
}
