// What a check value becomes before it is compared or sent to the grader: plain JSON, so the
// same record crosses the runner's message channel, sits in the bundle as a reference, and
// lands in results.jsonl. Tensors travel as {shape, data}, as the grading protocol requires.

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

const isTensorLike = (v: object): v is { data: ArrayLike<number>; shape: readonly number[] } => {
  const t = v as { data?: unknown; shape?: unknown };
  return (t.data instanceof Float64Array || t.data instanceof Float32Array) && Array.isArray(t.shape);
};

/** Marks values that were float32 (compared with the float32 tolerance, src/check/compare.ts). */
const float32 = (data: ArrayLike<number>): { dtype?: "float32" } => (data instanceof Float32Array ? { dtype: "float32" } : {});

/** Encode one number for JSON. */
export function encodeNumber(x: number): JsonNumber {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  return x;
}

/** Decode a number written by encodeNumber. */
export function decodeNumber(x: JsonNumber): number {
  return typeof x === "number" ? x : Number(x);
}

/** Shape of a rectangular nested array of numbers, or null when it is not one. */
function numericShape(v: unknown[]): number[] | null {
  if (v.length === 0) return [0];
  if (v.every((x) => typeof x === "number")) return [v.length];
  if (!v.every(Array.isArray)) return null;
  const inner = (v as unknown[][]).map(numericShape);
  const first = inner[0];
  if (first === null || inner.some((s) => s === null || s.join(",") !== first.join(","))) return null;
  return [v.length, ...first];
}

/** Normalise what a student passed to check(); unsupported values become a record that always fails. */
export function toCheckValue(value: unknown, depth = 0): CheckValue {
  if (depth > 20) return { kind: "unsupported", description: "a value nested more than 20 levels deep" };
  if (typeof value === "number") return { kind: "numeric", from: "number", shape: [], data: [encodeNumber(value)] };
  if (typeof value === "boolean") return { kind: "boolean", value };
  if (typeof value === "string") return { kind: "string", value };
  if (value === null || value === undefined) return { kind: "unsupported", description: String(value) };
  if (typeof value !== "object") return { kind: "unsupported", description: `a ${typeof value}` };
  if (isTensorLike(value)) {
    return { kind: "numeric", from: "tensor", shape: [...value.shape], data: Array.from(value.data, encodeNumber), ...float32(value.data) };
  }
  if (value instanceof Float64Array || value instanceof Float32Array) {
    return { kind: "numeric", from: "array", shape: [value.length], data: Array.from(value, encodeNumber), ...float32(value) };
  }
  if (Array.isArray(value)) {
    const shape = numericShape(value);
    if (shape !== null) {
      return { kind: "numeric", from: "array", shape, data: (value.flat(Infinity) as number[]).map(encodeNumber) };
    }
    return { kind: "list", items: value.map((v) => toCheckValue(v, depth + 1)) };
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    const name = (value as { constructor?: { name?: string } }).constructor?.name ?? "object";
    return { kind: "unsupported", description: `a ${name}` };
  }
  const fields: { [key: string]: CheckValue } = {};
  for (const key of Object.keys(value).sort()) fields[key] = toCheckValue((value as Record<string, unknown>)[key], depth + 1);
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
