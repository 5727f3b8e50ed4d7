import { AsyncLocalStorage, createHook } from "node:async_hooks";
import Module from "node:module";
import * as path from "node:path";
import { inspect } from "node:util";
import * as vm from "node:vm";
import type { CellHost } from "./cells/host";
import { type InterruptFlag, isInterruptedError, NO_LOOP_CHECK } from "./cells/interrupt-flag";
import type { CellContext, SideModule } from "./cells/types";
import { defineStopGlobal, stopGlobalCheck } from "./stop-global";

// The cell-semantics core on Node: cells are compiled with vm.runInThisContext, their async work
// is followed with AsyncLocalStorage, and every Timeout and Immediate is recorded under the cell
// that created it, however it was created (setTimeout, timers/promises, setInterval), so an
// interrupt can clear it. A runaway loop stops at its loop check once the kernel's control thread
// raised the interrupt flag and woke the checks (stop-global.ts); a host without a flag (the
// grader's runner child, which may not start threads) runs cells under breakOnSigint instead, its
// checks folded away. The kernel does not: Node's SIGINT watchdog takes the signal handler away
// while it starts and stops, and a SIGINT landing then kills the process or is lost; and the
// termination it stops a cell with skips finally blocks (a noGrad section leaves grad mode off).

/** Where cells resolve their imports, what `import … from "tslab"` gives them, and how they are interrupted. */
export interface NodeHostOptions {
  cwd: string;
  tslab: () => unknown;
  /** The flag the kernel's control thread raises (and wakes the loop checks) on Interrupt; without it, SIGINT stops loops. */
  interrupts?: InterruptFlag;
}

type Timer = { _destroyed?: boolean; constructor: { name: string } };

const CALL = Symbol.for("gradlab.interruptible");
const callScript = new vm.Script("globalThis[Symbol.for('gradlab.interruptible')]()", { filename: "gradlab-call" });
const PRUNE_AT = 256;

// Deep library calls would otherwise push the student's frame out of the stack.
const STACK_FRAMES = 40;

/** A CellHost for this process; one per session. */
export function createNodeHost(options: NodeHostOptions): CellHost {
  if (Error.stackTraceLimit < STACK_FRAMES) Error.stackTraceLimit = STACK_FRAMES;
  defineStopGlobal();
  const contexts = new AsyncLocalStorage<CellContext>();
  const timers = new WeakMap<CellContext, Set<Timer>>();
  createHook({
    init(_id, type, _trigger, resource) {
      if (type !== "Timeout" && type !== "Immediate") return;
      const context = contexts.getStore();
      if (!context) return;
      let set = timers.get(context);
      if (!set) timers.set(context, (set = new Set()));
      if (set.size >= PRUNE_AT) for (const t of set) if (t._destroyed) set.delete(t);
      set.add(resource as Timer);
    },
  }).enable();
  const modules = sideModules();
  const base = Module.createRequire(path.join(options.cwd, "src.js"));
  // Cells call require() and require.resolve() (test code finds the grading hooks with it).
  const require = Object.assign((id: string): unknown => (id === "tslab" ? options.tslab() : modules.load(id, options.cwd, base)), {
    resolve: base.resolve,
    cache: base.cache,
  });

  return {
    evaluate: (source, filename) => vm.runInThisContext(source, { filename }) as (...args: unknown[]) => unknown,
    interruptible<T>(fn: () => T): T {
      if (options.interrupts) return fn();
      const g = globalThis as unknown as Record<symbol, unknown>;
      g[CALL] = fn;
      try {
        return callScript.runInThisContext({ breakOnSigint: true }) as T;
      } finally {
        delete g[CALL];
      }
    },
    isInterrupt: isInterruptedError,
    loops: options.interrupts ? stopGlobalCheck(options.interrupts) : NO_LOOP_CHECK,
    require,
    addModules: (added) => modules.add(added),
    runInContext: (context, fn) => contexts.run(context, fn),
    currentContext: () => contexts.getStore(),
    cancelTimers(context) {
      for (const t of timers.get(context) ?? []) {
        if (t.constructor.name === "Immediate") clearImmediate(t as unknown as NodeJS.Immediate);
        else clearTimeout(t as unknown as NodeJS.Timeout);
      }
      timers.delete(context);
    },
    defer: (fn) => contexts.exit(() => setImmediate(fn)),
    inspect: (value) => inspect(value),
    now: () => performance.now(),
  };
}

/** The local modules compiled with cells, loaded through Node's module system as tslab does. */
function sideModules() {
  const sources = new Map<string, string>();
  const loaded = new Map<string, NodeJS.Module>();
  const internals = Module as unknown as { _nodeModulePaths(dir: string): string[] };

  function load(id: string, dir: string, fallback: (id: string) => unknown): unknown {
    if (!id.startsWith(".") && !path.isAbsolute(id)) return fallback(id);
    let file = path.resolve(dir, id);
    if (path.extname(file) === "") file += ".js";
    const cached = loaded.get(file);
    if (cached) return cached.exports;
    const source = sources.get(file);
    if (source === undefined) return fallback(id);
    const mod = new Module(file, module) as NodeJS.Module & { _compile(source: string, file: string): void };
    mod.filename = file;
    mod.paths = internals._nodeModulePaths(path.dirname(file));
    // The module's own require() (and require.resolve, which Node builds on it) goes through load().
    const own = mod.require.bind(mod) as (id: string) => unknown;
    mod.require = ((inner: string) => load(inner, path.dirname(file), own)) as typeof mod.require;
    loaded.set(file, mod);
    mod._compile(source, file);
    return mod.exports;
  }

  return {
    load,
    add(added: SideModule[]) {
      for (const m of added) {
        loaded.delete(m.path);
        sources.set(m.path, m.data);
      }
    },
  };
}
