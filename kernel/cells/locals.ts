import { cellMsg, type UninitialisedReason } from "./messages";

// The object through which cells share their names: compiled cells read an earlier cell's `x` as
// `exports.x` and copy their own declarations to it as they run. A cell's names are marked before
// it runs, so one that never got its value (the cell threw or was interrupted first) explains
// itself when read, instead of being undefined or "Cannot find name".

/** The names of all cells, and their not-yet-initialised markers. */
export interface Locals {
  /** What compiled cells receive as `exports`. */
  readonly exports: Record<string, unknown>;
  /** Mark `names` as declared by `cell` but not initialised; `reason` says why when one is read. */
  declare(names: string[], cell: number, reason: () => UninitialisedReason): void;
  /** Remove and return a value (the cell's last expression). */
  take(key: string): unknown;
}

/** A fresh, empty set of locals. */
export function createLocals(): Locals {
  const target: Record<string, unknown> = {};
  const define = (name: PropertyKey, value: unknown) =>
    Reflect.defineProperty(target, name, { value, writable: true, enumerable: true, configurable: true });
  // TypeScript turns named imports into Object.defineProperty getters; keep their values as plain,
  // rewritable properties (a later cell may declare the same name again), as tslab does.
  const exports = new Proxy(target, {
    defineProperty(_, name, attributes) {
      if (name === "__esModule") return true;
      const value = attributes.get ? attributes.get.call(exports) : attributes.value;
      const existing = Reflect.getOwnPropertyDescriptor(target, name);
      if (existing?.set) existing.set.call(exports, value);
      else define(name, value);
      return true;
    },
  });
  return {
    exports,
    declare(names, cell, reason) {
      for (const name of names) {
        const get = (): never => {
          const error = new ReferenceError(cellMsg.uninitialised(name, cell, reason()));
          // The traceback starts at the student's line that read the name, not in here (V8 only).
          (Error as { captureStackTrace?: (e: Error, fn: unknown) => void }).captureStackTrace?.(error, get);
          throw error;
        };
        Reflect.defineProperty(target, name, {
          configurable: true,
          enumerable: true,
          get,
          set: (value: unknown) => void define(name, value),
        });
      }
    },
    take(key) {
      const value = target[key];
      delete target[key];
      return value;
    },
  };
}
