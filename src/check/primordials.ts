// Built-ins captured when this module loads — with the library, before any notebook cell runs — so
// a submission that later replaces Array.isArray, Object.keys or a prototype method does not change
// how check() reads a value or how the grader's harness writes a record (Node's own "primordials").

type Method<A extends unknown[], R> = (this: unknown, ...args: A) => R;

// A bound `call`: invoking it calls `fn` directly, whatever Function.prototype.call becomes later.
const uncurry = <A extends unknown[], R>(fn: Method<A, R>) =>
  Function.prototype.call.bind(fn) as unknown as (self: unknown, ...args: A) => R;

const typedArrayProto = Object.getPrototypeOf(Float64Array.prototype) as object;
const typedArrayTag = uncurry(Object.getOwnPropertyDescriptor(typedArrayProto, Symbol.toStringTag)!.get as Method<[], string | undefined>);
const setPrototypeOf = Object.setPrototypeOf;

/** Array.isArray as it was when the library loaded. */
export const ArrayIsArray = Array.isArray;
/** Object.keys as it was when the library loaded. */
export const ObjectKeys = Object.keys;
/** Object.getPrototypeOf as it was when the library loaded. */
export const ObjectGetPrototypeOf = Object.getPrototypeOf;
/** Object.prototype itself (a plain object's prototype). */
export const ObjectPrototype = Object.prototype;
/** Array.prototype.sort, uncurried. */
export const ArrayPrototypeSort = uncurry(Array.prototype.sort as Method<[((a: string, b: string) => number)?], string[]>);
/** Array.prototype.join, uncurried. */
export const ArrayPrototypeJoin = uncurry(Array.prototype.join as Method<[string], string>);
/** String.prototype.slice, uncurried. */
export const StringPrototypeSlice = uncurry(String.prototype.slice as Method<[number, number?], string>);
/** JSON.stringify as it was (for primitives only: objects could carry a submission's toJSON). */
export const JSONStringify = JSON.stringify;
/** Number.isNaN as it was. */
export const NumberIsNaN = Number.isNaN;
/** Reflect.apply as it was. */
export const ReflectApply = Reflect.apply;
/** Reflect's methods as they were (the grading harness restores and compares properties with these). */
export const reflect = Object.freeze({
  get: Reflect.get, set: Reflect.set, defineProperty: Reflect.defineProperty, deleteProperty: Reflect.deleteProperty,
  getOwnPropertyDescriptor: Reflect.getOwnPropertyDescriptor, ownKeys: Reflect.ownKeys,
  getPrototypeOf: Reflect.getPrototypeOf, setPrototypeOf: Reflect.setPrototypeOf,
});

/** The typed-array kind of `x` ("Float64Array", …) by its internal slot, not by `instanceof`; undefined for anything else. */
export function typedArrayKind(x: unknown): string | undefined {
  return typeof x === "object" && x !== null ? typedArrayTag(x) : undefined;
}

/** An empty array with no prototype: writing into it never reaches a setter a submission put on Array.prototype. */
export function bareArray<T>(): T[] {
  return setPrototypeOf([], null) as T[];
}
