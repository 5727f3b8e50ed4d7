import { inspect } from "node-inspect-extracted";
import type { CellHost } from "../../kernel/cells/host";
import type { CellContext } from "../../kernel/cells/types";
import { type InterruptFlag, isInterruptedError, NO_LOOP_CHECK } from "../../kernel/cells/interrupt-flag";
import { cellRequire } from "./library";

// The cell-semantics core's platform inside the Web Worker (the Node one is kernel/node-host.ts).
// Cells are evaluated in the worker's global scope by indirect eval, and their loop checks read the
// page's interrupt flag (interrupt-flag.ts; none when the page is not cross-origin isolated). A
// worker cannot follow async contexts, so the current context is the cell that runs or ran last,
// and the timers it starts are recorded by wrapping the worker's timer functions.

type TimerId = ReturnType<typeof setTimeout>;

/** A CellHost for this worker; one per session. */
export function createBrowserHost(interrupts: InterruptFlag | null): CellHost {
  let current: CellContext | undefined;
  const timers = new WeakMap<CellContext, Set<TimerId>>();
  const g = globalThis as unknown as Record<string, (...args: unknown[]) => TimerId>;
  const original = { setTimeout: g.setTimeout!, setInterval: g.setInterval!, clearTimeout: g.clearTimeout!, clearInterval: g.clearInterval! };
  for (const name of ["setTimeout", "setInterval"] as const) {
    g[name] = (...args: unknown[]) => {
      const id = original[name].apply(globalThis, args);
      if (current && !current.cancelled) {
        let set = timers.get(current);
        if (!set) timers.set(current, (set = new Set()));
        set.add(id);
      }
      return id;
    };
  }
  return {
    evaluate: (source, filename) => {
      const indirectEval = eval;
      return indirectEval(`${source}\n//# sourceURL=${filename}`) as (...args: unknown[]) => unknown;
    },
    interruptible: (fn) => fn(),
    isInterrupt: isInterruptedError,
    loops: interrupts ?? NO_LOOP_CHECK,
    require: cellRequire,
    // Cells here cannot import local files, so a compile never produces modules to add.
    addModules: () => {},
    runInContext(context, fn) {
      current = context;
      return fn();
    },
    currentContext: () => current,
    cancelTimers(context) {
      for (const id of timers.get(context) ?? []) {
        original.clearTimeout.call(globalThis, id);
        original.clearInterval.call(globalThis, id);
      }
      timers.delete(context);
    },
    defer: (fn) => void original.setTimeout.call(globalThis, fn, 0),
    inspect: (value) => inspect(value),
    now: () => performance.now(),
  };
}
