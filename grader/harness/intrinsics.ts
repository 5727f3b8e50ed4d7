import Module from "node:module";
import * as path from "node:path";
import { bareArray, reflect } from "../../src/check/primordials";

// A snapshot of what grading relies on inside the submission's process, taken before any student
// cell runs: the built-ins (Math, JSON, Array.prototype, iterators, …), Node's module loader (what
// Module._load and require give), vm (what runs a cell), and every loaded module of the library with
// its prototypes. Restored before each test; compared again at each check and at the end of the test,
// so a test during which any of it changed fails ("the grading harness was modified"). What runs
// during a test loops by index over null-prototype data: no iterator, setter or getter a submission
// installs can change what it sees.

/** One property as it was when the snapshot was taken. */
export type Entry = { target: object; key: PropertyKey; descriptor: PropertyDescriptor; name: string };

// Captured when the library loaded, so a submission that replaces them cannot disable the restore or the comparison.
const { getOwnPropertyDescriptor: getOwn, defineProperty: define, ownKeys, getPrototypeOf: getProto, setPrototypeOf: setProto } = reflect;
const is = Object.is;
const keyName = (key: PropertyKey): string => (typeof key === "symbol" ? `[${key.description ?? "symbol"}]` : `${key}`);

const builtinNames = [
  "Object", "Function", "Array", "Number", "Boolean", "String", "Symbol", "BigInt", "Math", "JSON", "Reflect",
  "Promise", "Map", "Set", "WeakMap", "WeakSet", "Error", "TypeError", "RangeError", "Date", "RegExp",
  "ArrayBuffer", "Float64Array", "Float32Array", "Int32Array", "Uint8Array", "Proxy", "isNaN", "isFinite",
  "parseFloat", "parseInt", "structuredClone", "process", "console", "globalThis", "__tslab__",
];

// Prototypes reached only through instances: iteration and async functions run through these.
const hiddenPrototypes = (): [string, object][] => {
  const arrayIterator = getProto([][Symbol.iterator]()) as object;
  const generator = getProto(function* () {}) as object;
  return [
    ["TypedArray", getProto(Float64Array.prototype) as object],
    ["ArrayIterator", arrayIterator],
    ["Iterator", getProto(arrayIterator) as object],
    ["MapIterator", getProto(new Map()[Symbol.iterator]()) as object],
    ["SetIterator", getProto(new Set()[Symbol.iterator]()) as object],
    ["StringIterator", getProto(""[Symbol.iterator]()) as object],
    ["Generator", generator],
    ["GeneratorPrototype", (generator as { prototype: object }).prototype],
    ["AsyncFunction", getProto(async function () {}) as object],
  ];
};

// Null-prototype descriptors: restoring one reads only its own fields.
function entry(target: object, key: PropertyKey, descriptor: PropertyDescriptor, name: string): Entry {
  setProto(descriptor, null);
  return { target, key, descriptor, name };
}

function snapshotObject(target: object, owner: string, into: Entry[]): void {
  for (const key of ownKeys(target)) {
    const descriptor = getOwn(target, key);
    if (descriptor !== undefined) into[into.length] = entry(target, key, descriptor, `${owner}.${keyName(key)}`);
  }
}

function snapshotWithPrototype(value: unknown, owner: string, into: Entry[]): void {
  if ((typeof value !== "object" && typeof value !== "function") || value === null) return;
  snapshotObject(value, owner, into);
  const proto = typeof value === "function" ? (value as { prototype?: unknown }).prototype : undefined;
  if (typeof proto === "object" && proto !== null) snapshotObject(proto, `${owner}.prototype`, into);
}

/** Takes the snapshot of built-ins, Node's loader, vm and every loaded module under the library's folder. */
export function snapshotIntrinsics(libraryDir: string): Entry[] {
  const entries = bareArray<Entry>();
  const g = globalThis as unknown as Record<string, unknown>;
  for (const name of builtinNames) {
    const descriptor = getOwn(globalThis, name);
    if (descriptor === undefined) continue;
    entries[entries.length] = entry(globalThis, name, descriptor, name);
    if (name !== "process" && name !== "globalThis" && name !== "__tslab__") snapshotWithPrototype(g[name], name, entries);
  }
  for (const [name, proto] of hiddenPrototypes()) snapshotObject(proto, name, entries);
  snapshotWithPrototype(Module, "Module", entries);
  snapshotObject((Module as unknown as { _extensions: object })._extensions, "Module._extensions", entries);
  // The module object cells get from require("vm"), not an import wrapper of it.
  const vm = require("node:vm") as typeof import("node:vm");
  snapshotObject(vm, "vm", entries);
  snapshotWithPrototype(vm.Script, "vm.Script", entries);
  const prefix = libraryDir + path.sep;
  for (const [file, mod] of Object.entries(require.cache)) {
    if (!file.startsWith(prefix) || mod === undefined) continue;
    const where = path.relative(libraryDir, file);
    entries[entries.length] = entry(mod, "exports", getOwn(mod, "exports")!, `${where}:exports`);
    const exported = mod.exports as unknown;
    if (typeof exported !== "object" || exported === null) continue;
    snapshotObject(exported, where, entries);
    for (const [key, value] of Object.entries(exported)) {
      const proto = typeof value === "function" ? (value as { prototype?: unknown }).prototype : undefined;
      if (typeof proto === "object" && proto !== null) snapshotObject(proto, `${where}:${key}.prototype`, entries);
    }
  }
  return entries;
}

const same = (a: PropertyDescriptor, b: PropertyDescriptor): boolean =>
  is(a.value, b.value) && a.get === b.get && a.set === b.set && a.writable === b.writable;

/** Puts back every property that changed; returns the names it could not restore (frozen by the submission). */
export function restoreIntrinsics(entries: Entry[]): string[] {
  const failed = bareArray<string>();
  for (let i = 0; i < entries.length; i++) {
    const { target, key, descriptor, name } = entries[i];
    const now = getOwn(target, key);
    if (now !== undefined && same(now, descriptor)) continue;
    if (!define(target, key, descriptor)) failed[failed.length] = name;
  }
  return failed;
}

/** The names of the properties that differ from the snapshot now (at most `limit`). */
export function changedIntrinsics(entries: Entry[], limit = 10): string[] {
  const changed = bareArray<string>();
  for (let i = 0; i < entries.length && changed.length < limit; i++) {
    const { target, key, descriptor, name } = entries[i];
    const now = getOwn(target, key);
    if (now === undefined || !same(now, descriptor)) changed[changed.length] = name;
  }
  return changed;
}
