// progress(): tqdm's role in the course. Wrap a loop's range or items and one display shows a bar
// that updates in place while the loop runs (at most ten times a second), and its final state when
// the loop ends, breaks or throws. Outside a notebook it prints the final line only.
import { hasDisplaySink, show } from "./display";
import { msg } from "./messages";
import { describe } from "./plot/messages";

/** How a progress bar is labelled. */
export interface ProgressOptions {
  /** Shown before the bar, like tqdm's `desc`. */
  label?: string;
}

const UPDATE_MS = 100;
const WIDTH = 24;
const DISPLAY = Symbol.for("Jupyter.display");
let bars = 0;

const clock = (ms: number) => {
  const s = Math.round(ms / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
};

/** One line of the bar: `label: 45%|██████▊         | 450/1000 [00:02<00:02, 200.0 it/s]`. */
export function progressLine(done: number, total: number | null, elapsedMs: number, label?: string): string {
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const head = label ? `${label}: ` : "";
  const speed = `${rate.toFixed(1)} it/s`;
  if (total === null) return `${head}${done} [${clock(elapsedMs)}, ${speed}]`;
  const fraction = total === 0 ? 1 : done / total;
  const filled = Math.round(fraction * WIDTH);
  const eta = rate > 0 ? ((total - done) / rate) * 1000 : 0;
  return `${head}${Math.floor(fraction * 100)}%|${"█".repeat(filled)}${" ".repeat(WIDTH - filled)}| ${done}/${total} [${clock(elapsedMs)}<${clock(eta)}, ${speed}]`;
}

function bundle(done: number, total: number | null, elapsedMs: number, label?: string) {
  const text = progressLine(done, total, elapsedMs, label);
  const bar = total === null ? "" : `<progress value="${done}" max="${total}" style="width: 16em"></progress> `;
  const html = `<div>${bar}<code>${text.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</code></div>`;
  return { [DISPLAY]: () => ({ "text/plain": text, "text/html": html }) };
}

/**
 * Iterate over `0 … n-1`, or over `items`, with a progress bar that updates in place.
 * @example for (const epoch of progress(3, { label: "epochs" })) console.log(epoch)
 * @example for (const lr of progress([0.1, 0.01, 0.001])) console.log(lr)
 */
export function progress(n: number, options?: ProgressOptions): Iterable<number>;
export function progress<T>(items: Iterable<T>, options?: ProgressOptions): Iterable<T>;
export function progress<T>(source: number | Iterable<T>, options: ProgressOptions = {}): Iterable<number | T> {
  if (typeof source === "number") {
    if (!Number.isInteger(source) || source < 0) throw new Error(msg.progressInput(String(source)));
  } else if (typeof (source as Iterable<T> | null)?.[Symbol.iterator] !== "function") {
    throw new Error(msg.progressInput(describe(source)));
  }
  const total = typeof source === "number" ? source : Array.isArray(source) ? source.length : (source as { size?: unknown }).size;
  return run(source, typeof total === "number" ? total : null, options.label);
}

function* run<T>(source: number | Iterable<T>, total: number | null, label?: string): Generator<number | T> {
  const displayId = `gradlab-progress-${++bars}`;
  const started = performance.now();
  let shownAt = -Infinity;
  let done = 0;
  const render = (force: boolean) => {
    const now = performance.now();
    if (!force && now - shownAt < UPDATE_MS) return;
    shownAt = now;
    if (hasDisplaySink()) void show(bundle(done, total, now - started, label), { displayId });
    else if (force) console.log(progressLine(done, total, now - started, label));
  };
  render(hasDisplaySink());
  try {
    const items: Iterable<number | T> = typeof source === "number" ? Array.from({ length: source }, (_, i) => i) : source;
    for (const item of items) {
      yield item;
      done++;
      render(false);
    }
  } finally {
    render(true);
  }
}
