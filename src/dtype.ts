// Data types as PyTorch's floating ones: "float64" (gradlab's default: exact gradients and
// gradcheck for teaching) and "float32" (PyTorch's default: half the memory, twice the SIMD lanes).
// A tensor's dtype is the type of its storage array; this module is the one place that maps
// between the two and holds PyTorch's promotion rule.
import { msg } from "./messages";

/** A floating-point data type: `tensor(d, { dtype: "float32" })`. */
export type DType = "float32" | "float64";
/** The values of a tensor: a Float32Array for float32, a Float64Array for float64. */
export type Storage = Float32Array | Float64Array;

let defaultDtype: DType = "float64";

/** Throws a clear error unless `d` is a dtype name. */
export function checkDtype(op: string, d: unknown): DType {
  if (d !== "float32" && d !== "float64") throw new Error(msg.badDtype(op, d));
  return d;
}

/** Sets the dtype that creators use when none is given (PyTorch's torch.set_default_dtype). */
export function setDefaultDtype(d: DType): void {
  defaultDtype = checkDtype("setDefaultDtype", d);
}

/** The dtype creators use when none is given: "float64" unless setDefaultDtype changed it. */
export function getDefaultDtype(): DType {
  return defaultDtype;
}

/** The dtype of a storage array. */
export function dtypeOf(a: Storage): DType {
  return a instanceof Float32Array ? "float32" : "float64";
}

/** A zero-filled array of n values of the dtype, with its own buffer (for long-lived values). */
export function newStorage(dtype: DType, n: number): Storage {
  return dtype === "float32" ? new Float32Array(n) : new Float64Array(n);
}

/** A copy of `a` with its own buffer. `new` + `set` copies in one block; V8 11's typed-array
 * `slice()` goes value by value (100,480 floats: ~200 µs against ~35 µs). */
export function copyOf(a: Storage): Storage {
  const out = a instanceof Float32Array ? new Float32Array(a.length) : new Float64Array(a.length);
  out.set(a);
  return out;
}

/** The values of `a` as a new array of the dtype (rounded to float32 when narrowing). */
export function convert(a: ArrayLike<number>, dtype: DType): Storage {
  return dtype === "float32" ? Float32Array.from(a) : Float64Array.from(a);
}

/**
 * PyTorch's result type of a binary op on two floating tensors: the wider dtype, except that a
 * 0-d tensor does not widen a tensor with dimensions (`x32.mul(tensor(2))` stays float32).
 * Numbers never promote: the tensor layer wraps them in the other operand's dtype.
 */
export function resultDtype(a: DType, aDims: number, b: DType, bDims: number): DType {
  if (a === b) return a;
  if (aDims === 0 && bDims > 0) return b;
  if (bDims === 0 && aDims > 0) return a;
  return "float64";
}
