// The optimizers' updates of large parameters in WASM (src/kernels/wasm/optim.ts): copy the
// parameter, its gradient and its state in, update, copy the parameter and the state back into
// the same arrays. The kernels give the plain loops' bits (src/optim/), which stay for small
// parameters, where the copies cost more than the loop.
import { dtypeOf, type Storage } from "../dtype";
import { copyBack, copyIn, entry, layout, wasmKernels } from "./wasm";

// From this many values on the kernel wins (the course's W1 and W4 parameters are smaller).
export const OPTIM_WASM_MIN_LENGTH = 1024;
// Up to this length the four arrays of Adam fit the 32-bit WASM memory.
const OPTIM_WASM_MAX_LENGTH = 2 ** 26;

/** Whether an update of n values runs in WASM. */
export const optimPaysInWasm = (n: number): boolean => n >= OPTIM_WASM_MIN_LENGTH && n <= OPTIM_WASM_MAX_LENGTH;

/** SGD's hyper-parameters as the kernel takes them. */
export interface SgdSettings { lr: number; momentum: number; dampening: number; weightDecay: number; nesterov: boolean }

/** SGD's update of p in place (buf: the momentum buffer, read unless first; null without momentum). */
export function sgdWasm(p: Storage, g: Storage, buf: Storage | null, first: boolean, s: SgdSettings): void {
  const k = wasmKernels(), dtype = dtypeOf(p), n = p.length;
  const [pAt, gAt, bufAt] = layout(k, dtype, n, n, buf === null ? 0 : n);
  copyIn(k, p, n, pAt);
  copyIn(k, g, n, gAt);
  if (buf !== null && !first) copyIn(k, buf, n, bufAt);
  const flags = (s.nesterov ? 1 : 0) | (first ? 2 : 0) | (buf === null ? 4 : 0);
  entry(k, "sgd", dtype)(pAt, gAt, bufAt, n, s.lr, s.momentum, s.dampening, s.weightDecay, flags);
  copyBack(k, pAt, p);
  if (buf !== null) copyBack(k, bufAt, buf);
}

/** Adam's update of p in place with its moments m and v (stepSize = lr / (1 − β1ᵗ), bc2Sqrt = √(1 − β2ᵗ)). */
export function adamWasm(p: Storage, g: Storage, m: Storage, v: Storage, b1: number, b2: number, stepSize: number, bc2Sqrt: number, eps: number, weightDecay: number): void {
  const k = wasmKernels(), dtype = dtypeOf(p), n = p.length;
  const [pAt, gAt, mAt, vAt] = layout(k, dtype, n, n, n, n);
  copyIn(k, p, n, pAt);
  copyIn(k, g, n, gAt);
  copyIn(k, m, n, mAt);
  copyIn(k, v, n, vAt);
  entry(k, "adam", dtype)(pAt, gAt, mAt, vAt, n, b1, b2, stepSize, bc2Sqrt, eps, weightDecay);
  copyBack(k, pAt, p);
  copyBack(k, mAt, m);
  copyBack(k, vAt, v);
}
