import { cellMsg } from "./cells/messages";
import { isCellInterrupt } from "./cells/run";
import type { CellError } from "./cells/types";

// Errors no cell catches — a timer's callback that throws, a rejected promise nobody awaited —
// must neither take the kernel (or a runner child) down nor show compiled JavaScript: they are
// printed on stderr (the output of the cell running now, or the last one) with the same
// cell-and-line traceback as a cell's own error. An interrupted cell's abandoned awaits end
// with CellInterrupt, which is no news.

/** Report uncaught exceptions and unhandled rejections; `describe` is null while the session starts. */
export function reportStrayErrors(describe: () => ((thrown: unknown) => CellError) | null): void {
  const report = (kind: "exception" | "rejection", thrown: unknown) => {
    if (isCellInterrupt(thrown)) return;
    const traceback = describe()?.(thrown).traceback ?? [thrown instanceof Error ? (thrown.stack ?? String(thrown)) : String(thrown)];
    console.error([cellMsg.stray(kind), ...traceback].join("\n"));
  };
  process.on("uncaughtException", (err) => report("exception", err));
  process.on("unhandledRejection", (reason) => report("rejection", reason));
}
