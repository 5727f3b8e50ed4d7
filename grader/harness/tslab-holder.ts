import { bareArray, reflect } from "../../src/check/primordials";
import { gradeMsg } from "../messages";

// The one adapter to the kernel's holder: as tslab's executor did, kernel/session.ts sets
// `globalThis.__tslab__ = { exports, require }` once and runs every cell with
// `__tslab__.exports` and `__tslab__.require` (read as the cell starts), where `exports` carries
// every top-level name of earlier cells (the prelude's `check` among them). While grading, the holder's `exports` is wrapped so that
// `check` always is the library's, whatever a cell assigns or defines; the holder, its exports and
// its require are put back before each test. Contract test: test/grader/harness/tslab-holder.test.ts.

type Holder = { exports: object; require: unknown };

const { get: ReflectGet, set: ReflectSet, defineProperty: define, deleteProperty: ReflectDelete, getOwnPropertyDescriptor: getOwn } = reflect;

/** The locked holder: put it back before a test, and name what differs from it. */
export interface HolderLock {
  /** Restores the global, the holder's exports and require; returns what could not be restored. */
  restore(): string[];
  /** What differs now from the locked state. */
  changed(): string[];
}

/** Wrap tslab's holder so `check` is always `realCheck`; throws when this tslab has no holder. */
export function lockTslabHolder(realCheck: unknown): HolderLock {
  const global = globalThis as unknown as { __tslab__?: Holder };
  const holder = global.__tslab__;
  if (holder === undefined || typeof holder !== "object" || typeof holder.exports !== "object") throw new Error(gradeMsg.noTslabHolder);
  const exports = new Proxy(holder.exports, {
    get: (target, key, receiver) => (key === "check" ? realCheck : ReflectGet(target, key, receiver)),
    // TypeScript's emit of a cell that imports `check` first sets it to undefined: ignored, like the real one.
    set: (target, key, value, receiver) => {
      if (key === "check" && value !== realCheck && value !== undefined) throw new TypeError(gradeMsg.checkReserved);
      return key === "check" || ReflectSet(target, key, value, receiver);
    },
    defineProperty: (target, key, descriptor) => key === "check" || define(target, key, descriptor),
    deleteProperty: (target, key) => key !== "check" && ReflectDelete(target, key),
  });
  const required = holder.require;
  holder.exports = exports;
  const globalDescriptor = getOwn(globalThis, "__tslab__");
  return {
    restore(): string[] {
      const failed = bareArray<string>();
      if (global.__tslab__ !== holder && !(globalDescriptor && define(globalThis, "__tslab__", globalDescriptor))) failed[0] = "__tslab__";
      if (holder.exports !== exports && !ReflectSet(holder, "exports", exports)) failed[failed.length] = "__tslab__.exports";
      if (holder.require !== required && !ReflectSet(holder, "require", required)) failed[failed.length] = "__tslab__.require";
      return failed;
    },
    changed(): string[] {
      const changed = bareArray<string>();
      if (global.__tslab__ !== holder) changed[0] = "__tslab__";
      if (holder.exports !== exports) changed[changed.length] = "__tslab__.exports";
      if (holder.require !== required) changed[changed.length] = "__tslab__.require";
      return changed;
    },
  };
}
