// Making tensors: from data, filled, ranges, identity, random (PyTorch's factory functions), in
// the default dtype unless `dtype` says otherwise.
import { checkDtype, convert, getDefaultDtype, newStorage, type DType, type Storage } from "./dtype";
import { msg } from "./messages";
import { nextNormal, nextUniform } from "./random";
import { numel, parseShape, type ShapeArgs, type Shape } from "./shape";
import { Tensor, type NestedArray } from "./tensor";

/** Options shared by the factory functions. */
export interface TensorOptions {
  requiresGrad?: boolean;
  /** "float64" or "float32"; the default dtype (getDefaultDtype()) when absent. */
  dtype?: DType;
}

const dtypeFrom = (op: string, options: TensorOptions, fallback: DType = getDefaultDtype()): DType =>
  options.dtype === undefined ? fallback : checkDtype(op, options.dtype);

/** A leaf tensor of the options' dtype from float64 values (converted when float32 is asked for). */
function leaf(op: string, values: Float64Array, shape: readonly number[], options: TensorOptions, fallback?: DType): Tensor {
  const dtype = dtypeFrom(op, options, fallback);
  return new Tensor(dtype === "float64" ? values : convert(values, dtype), shape, null, options.requiresGrad ?? false);
}

type Data = number | boolean | NestedData | Float64Array | Float32Array | Int32Array | readonly number[];
interface NestedData extends ReadonlyArray<Data> {}

function flatten(data: Data): { values: number[]; shape: number[] } {
  if (typeof data === "number" || typeof data === "boolean") return { values: [Number(data)], shape: [] };
  if (ArrayBuffer.isView(data)) return { values: Array.from(data as Float64Array), shape: [(data as Float64Array).length] };
  if (!Array.isArray(data)) throw new Error(msg.badData(data === null ? "null" : typeof data));
  const shape: number[] = [];
  for (let level: unknown = data; Array.isArray(level) || ArrayBuffer.isView(level); level = (level as ArrayLike<unknown>)[0]) {
    shape.push((level as ArrayLike<unknown>).length);
    if ((level as ArrayLike<unknown>).length === 0) break;
  }
  const values: number[] = [];
  const walk = (v: unknown, dim: number, path: string): void => {
    if (dim === shape.length) {
      if (typeof v === "number" || typeof v === "boolean") values.push(Number(v));
      else throw new Error(msg.badData(`${Array.isArray(v) ? "an array" : JSON.stringify(v) ?? typeof v} at ${path}`));
      return;
    }
    if (!Array.isArray(v) && !ArrayBuffer.isView(v)) throw new Error(msg.ragged(path, shape[dim], 0));
    const arr = v as ArrayLike<unknown>;
    if (arr.length !== shape[dim]) throw new Error(msg.ragged(path, shape[dim], arr.length));
    for (let i = 0; i < arr.length; i++) walk(arr[i], dim + 1, `${path}[${i}]`);
  };
  walk(data, 0, "data");
  return { values, shape };
}

/**
 * A tensor from a number, nested arrays or a typed array (copied). Its dtype is options.dtype, else
 * the source's (a Tensor's, float32 for a Float32Array, as PyTorch keeps numpy's), else the default.
 * @example tensor([[1, 2], [3, 4]]).shape // [2, 2]
 * @example tensor([1, 2], { dtype: "float32" }).dtype // "float32"
 */
export function tensor(data: Data | Tensor, options: TensorOptions = {}): Tensor {
  const source: DType | undefined = data instanceof Tensor ? data.dtype : data instanceof Float32Array ? "float32" : undefined;
  const dtype = dtypeFrom("tensor", options, source);
  if (data instanceof Tensor) return new Tensor(convert(data.data, dtype), data.shape, null, options.requiresGrad ?? false);
  const { values, shape } = flatten(data);
  return new Tensor(convert(values, dtype), shape, null, options.requiresGrad ?? false);
}

/** Splits `(2, 3)`, `([2, 3])` and `([2, 3], {requiresGrad})` into a shape and options. */
function shapeAndOptions(op: string, args: readonly unknown[]): { shape: number[]; options: TensorOptions } {
  const last = args[args.length - 1];
  const hasOpts = typeof last === "object" && last !== null && !Array.isArray(last);
  const dims = (hasOpts ? args.slice(0, -1) : args) as ShapeArgs;
  return { shape: parseShape(op, dims), options: hasOpts ? (last as TensorOptions) : {} };
}

type FactoryArgs = [...number[]] | [Shape] | [Shape, TensorOptions] | [...number[], TensorOptions];

function filled(op: string, args: readonly unknown[], fill: (data: Storage) => void): Tensor {
  const { shape, options } = shapeAndOptions(op, args);
  const data = newStorage(dtypeFrom(op, options), numel(shape));
  fill(data);
  return new Tensor(data, shape, null, options.requiresGrad ?? false);
}

/** Writes sample() into every element (a float32 tensor holds each sample rounded). */
function sampled(sample: () => number): (data: Storage) => void {
  return (data) => {
    for (let i = 0; i < data.length; i++) data[i] = sample();
  };
}

/**
 * A tensor of zeros: `zeros(2, 3)` or `zeros([2, 3], {requiresGrad: true})`.
 * @example zeros(2, 3).sum().item() // 0
 */
export const zeros = (...args: FactoryArgs): Tensor => filled("zeros", args, () => undefined);
/**
 * A tensor of ones: `ones(2, 3, { dtype: "float32" })`.
 * @example ones(2, { dtype: "float32" }).dtype // "float32"
 */
export const ones = (...args: FactoryArgs): Tensor => filled("ones", args, (d) => d.fill(1));
/** Standard normal samples from the seeded generator. */
export const randn = (...args: FactoryArgs): Tensor => filled("randn", args, sampled(nextNormal));
/** Uniform samples in [0, 1) from the seeded generator. */
export const rand = (...args: FactoryArgs): Tensor => filled("rand", args, sampled(nextUniform));

/** A tensor of one value: `full([2, 3], 7)`. */
export function full(shape: Shape | number, value: number, options: TensorOptions = {}): Tensor {
  const s = parseShape("full", typeof shape === "number" ? [shape] : [shape]);
  if (typeof value !== "number") throw new Error(msg.notScalarArg("full", "value", value));
  return leaf("full", new Float64Array(numel(s)).fill(value), s, options);
}

/** zeros/ones/randn shaped like another tensor, in its dtype unless options say otherwise. */
export const zerosLike = (t: Tensor, options: TensorOptions = {}): Tensor => zeros([...t.shape], { dtype: t.dtype, ...options });
export const onesLike = (t: Tensor, options: TensorOptions = {}): Tensor => ones([...t.shape], { dtype: t.dtype, ...options });
export const randnLike = (t: Tensor, options: TensorOptions = {}): Tensor => randn([...t.shape], { dtype: t.dtype, ...options });

/**
 * Values start, start+step, … below end: `arange(5)` or `arange(0, 1, 0.25)`.
 * @example arange(0, 1, 0.25) // [0, 0.25, 0.5, 0.75]
 */
export function arange(startOrEnd: number, end?: number, step = 1, options: TensorOptions = {}): Tensor {
  const [start, stop] = end === undefined ? [0, startOrEnd] : [startOrEnd, end];
  if (![start, stop, step].every(Number.isFinite) || step === 0 || (stop - start) * step < 0) throw new Error(msg.arange(start, stop, step));
  const n = Math.max(0, Math.ceil((stop - start) / step));
  return leaf("arange", Float64Array.from({ length: n }, (_, i) => start + i * step), [n], options);
}

/**
 * `steps` evenly spaced values from start to end inclusive, as PyTorch computes them.
 * @example linspace(0, 1, 5) // [0, 0.25, 0.5, 0.75, 1]
 */
export function linspace(start: number, end: number, steps: number, options: TensorOptions = {}): Tensor {
  if (!Number.isInteger(steps) || steps < 0) throw new Error(msg.linspace(steps));
  const step = steps > 1 ? (end - start) / (steps - 1) : 0;
  const half = Math.floor(steps / 2);
  // PyTorch fills the first half from start and the second half from end, so both ends are exact.
  const values = Float64Array.from({ length: steps }, (_, i) => (i < half ? start + step * i : end - step * (steps - 1 - i)));
  return leaf("linspace", values, [steps], options);
}

/**
 * The n×m identity matrix (m defaults to n).
 * @example eye(2) // [[1, 0], [0, 1]]
 */
export function eye(n: number, m = n, options: TensorOptions = {}): Tensor {
  const s = parseShape("eye", [[n, m]]);
  const out = new Float64Array(n * m);
  for (let i = 0; i < Math.min(n, m); i++) out[i * m + i] = 1;
  return leaf("eye", out, s, options);
}

export type { NestedArray };
