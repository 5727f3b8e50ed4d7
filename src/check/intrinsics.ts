// A snapshot of the built-ins and of the library taken when the library loads (before any student
// cell runs), restored before each grading test: a submission that patched Math, JSON, Array.prototype,
// Tensor.prototype or the library's exports gets them back unpatched while the test code runs.
import * as path from "node:path";

type Entry = { target: object; key: PropertyKey; descriptor: PropertyDescriptor };

// Captured now, so a submission that replaces them later cannot disable the restore.
const getOwn = Reflect.getOwnPropertyDescriptor;
const define = Reflect.defineProperty;
const ownKeys = Reflect.ownKeys;
const getProto = Reflect.getPrototypeOf;

const builtinNames = [
  "Object", "Function", "Array", "Number", "Boolean", "String", "Symbol", "BigInt", "Math", "JSON", "Reflect",
  "Promise", "Map", "Set", "WeakMap", "WeakSet", "Error", "TypeError", "RangeError", "Date", "RegExp",
  "ArrayBuffer", "Float64Array", "Float32Array", "Int32Array", "Uint8Array", "Proxy", "isNaN", "isFinite",
  "parseFloat", "parseInt", "structuredClone", "process",
];

function snapshotObject(target: object, into: Entry[]): void {
  for (const key of ownKeys(target)) {
    const descriptor = getOwn(target, key);
    if (descriptor !== undefined) into.push({ target, key, descriptor });
  }
}

/** Takes the snapshot of built-ins and of every loaded module under the library's folder. */
export function snapshotIntrinsics(libraryDir: string): Entry[] {
  const entries: Entry[] = [];
  const g = globalThis as unknown as Record<string, unknown>;
  for (const name of builtinNames) {
    const descriptor = getOwn(globalThis, name);
    if (descriptor === undefined) continue;
    entries.push({ target: globalThis, key: name, descriptor });
    const value = g[name];
    if ((typeof value === "object" || typeof value === "function") && value !== null && name !== "process") {
      snapshotObject(value, entries);
      const proto = (value as { prototype?: unknown }).prototype;
      if (typeof proto === "object" && proto !== null) snapshotObject(proto, entries);
    }
  }
  snapshotObject(getProto(Float64Array.prototype) as object, entries);
  const prefix = libraryDir + path.sep;
  for (const [file, mod] of Object.entries(require.cache)) {
    if (!file.startsWith(prefix) || mod === undefined) continue;
    const exported = mod.exports as unknown;
    if (typeof exported !== "object" || exported === null) continue;
    snapshotObject(exported, entries);
    for (const value of Object.values(exported)) {
      const proto = typeof value === "function" ? (value as { prototype?: unknown }).prototype : undefined;
      if (typeof proto === "object" && proto !== null) snapshotObject(proto, entries);
    }
  }
  return entries;
}

const same = (a: PropertyDescriptor, b: PropertyDescriptor): boolean =>
  a.value === b.value && a.get === b.get && a.set === b.set && a.writable === b.writable;

/** Puts back every property that changed; returns the names it could not restore (frozen by the submission). */
export function restoreIntrinsics(entries: Entry[]): string[] {
  const failed: string[] = [];
  for (const { target, key, descriptor } of entries) {
    const now = getOwn(target, key);
    if (now !== undefined && same(now, descriptor)) continue;
    if (!define(target, key, descriptor)) failed.push(String(key));
  }
  return failed;
}
