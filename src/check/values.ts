// What a check value becomes before it is compared or sent to the grader: plain JSON, so the
// same record crosses the runner's message channel, sits in the bundle as a reference, and
// lands in results.jsonl. Tensors travel as {shape, data}, as the grading protocol requires.
// Built-ins are the ones captured when the library loaded (primordials.ts), so a submission that
// patches them cannot change how a value is read.
import {
  ArrayIsArray, ArrayPrototypeJoin, ArrayPrototypeSort, NumberIsNaN, ObjectGetPrototypeOf, ObjectKeys, ObjectPrototype,
  StringPrototypeSlice, typedArrayKind,
} from "./primordials";

/** A number as JSON can hold it: non-finite values are spelled out. */
export type JsonNumber = number | "NaN" | "Infinity" | "-Infinity";

/** A value normalised for comparison: numbers, arrays and tensors all become numeric {shape, data}. */
export type CheckValue =
  | { kind: "numeric"; from: "number" | "array" | "tensor"; shape: number[]; data: JsonNumber[]; dtype?: "float32" }
  | { kind: "boolean"; value: boolean }
  | { kind: "string"; value: string }
  | { kind: "list"; items: CheckValue[] }
  | { kind: "object"; fields: { [key: string]: CheckValue } }
  | { kind: "unsupported"; description: string };

const isFloatArray = (x: unknown): x is Float64Array | Float32Array => {
  const kind = typedArrayKind(x);
  return kind === "Float64Array" || kind === "Float32Array";
};

const isTensorLike = (v: object): v is { data: Float64Array | Float32Array; shape: readonly number[] } => {
  const t = v as { data?: unknown; shape?: unknown };
  return isFloatArray(t.data) && ArrayIsArray(t.shape);
};

/** Marks values that were float32 (compared with the float32 tolerance, src/check/compare.ts). */
const float32 = (data: unknown): { dtype?: "float32" } => (typedArrayKind(data) === "Float32Array" ? { dtype: "float32" } : {});

/** Encode one number for JSON. */
export function encodeNumber(x: number): JsonNumber {
  if (NumberIsNaN(x)) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  return x;
}

/** Decode a number written by encodeNumber. */
export function decodeNumber(x: JsonNumber): number {
  return typeof x === "number" ? x : Number(x);
}

/** Shape of a rectangular nested array of numbers, or null when it is not one. */
function numericShape(v: readonly unknown[]): number[] | null {
  if (v.length === 0) return [0];
  let numbers = 0;
  for (let i = 0; i < v.length; i++) if (typeof v[i] === "number") numbers++;
  if (numbers === v.length) return [v.length];
  let first: number[] | null = null;
  for (let i = 0; i < v.length; i++) {
    const item = v[i];
    if (!ArrayIsArray(item)) return null;
    const inner = numericShape(item);
    if (inner === null || (first !== null && ArrayPrototypeJoin(inner, ",") !== ArrayPrototypeJoin(first, ","))) return null;
    first = inner;
  }
  const shape = [v.length];
  for (let i = 0; i < first!.length; i++) shape[i + 1] = first![i];
  return shape;
}

// Index by index (no iterator, no Array.prototype.flat), so only the value's own elements are read.
function flatten(v: readonly unknown[], into: JsonNumber[]): JsonNumber[] {
  for (let i = 0; i < v.length; i++) {
    const item = v[i];
    if (ArrayIsArray(item)) flatten(item, into);
    else into[into.length] = encodeNumber(item as number);
  }
  return into;
}

function numbers(data: ArrayLike<number>): JsonNumber[] {
  const out: JsonNumber[] = [];
  for (let i = 0; i < data.length; i++) out[i] = encodeNumber(data[i]);
  return out;
}

function copyShape(shape: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < shape.length; i++) out[i] = shape[i];
  return out;
}

/** Normalise what a student passed to check(); unsupported values become a record that always fails. */
export function toCheckValue(value: unknown, depth = 0): CheckValue {
  if (depth > 20) return { kind: "unsupported", description: "a value nested more than 20 levels deep" };
  if (typeof value === "number") return { kind: "numeric", from: "number", shape: [], data: [encodeNumber(value)] };
  if (typeof value === "boolean") return { kind: "boolean", value };
  if (typeof value === "string") return { kind: "string", value };
  if (value === null || value === undefined) return { kind: "unsupported", description: `${value}` };
  if (typeof value !== "object") return { kind: "unsupported", description: `a ${typeof value}` };
  if (isTensorLike(value)) return { kind: "numeric", from: "tensor", shape: copyShape(value.shape), data: numbers(value.data), ...float32(value.data) };
  if (isFloatArray(value)) return { kind: "numeric", from: "array", shape: [value.length], data: numbers(value), ...float32(value) };
  if (ArrayIsArray(value)) {
    const shape = numericShape(value);
    if (shape !== null) return { kind: "numeric", from: "array", shape, data: flatten(value, []) };
    const items: CheckValue[] = [];
    for (let i = 0; i < value.length; i++) items[i] = toCheckValue(value[i], depth + 1);
    return { kind: "list", items };
  }
  const proto = ObjectGetPrototypeOf(value);
  if (proto !== ObjectPrototype && proto !== null) {
    const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
    return { kind: "unsupported", description: `a ${typeof name === "string" ? StringPrototypeSlice(name, 0, 60) : "object"}` };
  }
  const fields: { [key: string]: CheckValue } = {};
  const keys = ArrayPrototypeSort(ObjectKeys(value));
  for (let i = 0; i < keys.length; i++) fields[keys[i]] = toCheckValue((value as Record<string, unknown>)[keys[i]], depth + 1);
  return { kind: "object", fields };
}

/** Short human description: "a tensor of shape [2, 3]", "a number", "true". */
export function describeValue(v: CheckValue): string {
  switch (v.kind) {
    case "numeric":
      if (v.from === "number" || v.shape.length === 0) return v.from === "tensor" ? "a 0-d tensor" : "a number";
      return `${v.from === "tensor" ? "a tensor" : "an array"} of shape [${v.shape.join(", ")}]`;
    case "boolean":
      return String(v.value);
    case "string":
      return JSON.stringify(v.value);
    case "list":
      return `a list of ${v.items.length} values`;
    case "object":
      return `an object with keys {${Object.keys(v.fields).join(", ")}}`;
    case "unsupported":
      return v.description;
  }
}
