// The optimizers' updates of large parameters in WASM (src/kernels/wasm/optim.ts), in place on
// arrays that live in the kernels' memory (src/kernels/resident.ts: nn.Linear's parameters, the
// optimizers' state); others are copied in and back out. The kernels give the plain loops' bits (src/optim/), which stay for small
// parameters, where the copies cost more than the loop.
import { dtypeOf, type Storage } from "../dtype";
import { placeIn, residentAt } from "./resident";
import { copyBack, entry, layout, wasmKernels, type WasmKernels } from "./wasm";

// From this many values on the kernel wins (the course's W1 and W4 parameters are smaller).
export const OPTIM_WASM_MIN_LENGTH = 1024;
// Up to this length the four arrays of Adam fit the 32-bit WASM memory.
const OPTIM_WASM_MAX_LENGTH = 2 ** 26;

/** Whether an update of n values runs in WASM. */
export const optimPaysInWasm = (n: number): boolean => n >= OPTIM_WASM_MIN_LENGTH && n <= OPTIM_WASM_MAX_LENGTH;

/** SGD's hyper-parameters as the kernel takes them. */
export interface SgdSettings { lr: number; momentum: number; dampening: number; weightDecay: number; nesterov: boolean }

// Where an array the kernel only writes goes: where it lives, or its slot.
function residentAtOr(k: WasmKernels, a: Storage, slot: number): number {
  const at = residentAt(k, a);
  return at >= 0 ? at : slot;
}

// Updated arrays: where each is (placed in or living there), then copied back if it was copied in.
function inPlace(k: WasmKernels, arrays: Storage[], slots: number[], read: boolean[]): { at: number[]; back(): void } {
  const at = arrays.map((a, i) => (read[i] ? placeIn(k, a, a.length, slots[i]) : residentAtOr(k, a, slots[i])));
  return { at, back: () => arrays.forEach((a, i) => at[i] === slots[i] && copyBack(k, slots[i], a)) };
}

/** SGD's update of p in place (buf: the momentum buffer, read unless first; null without momentum). */
export function sgdWasm(p: Storage, g: Storage, buf: Storage | null, first: boolean, s: SgdSettings): void {
  const k = wasmKernels(), dtype = dtypeOf(p), n = p.length;
  const [pSlot, gSlot, bufSlot] = layout(k, dtype, n, n, buf === null ? 0 : n);
  const updated = inPlace(k, buf === null ? [p] : [p, buf], [pSlot, bufSlot], [true, !first]);
  const [pAt, bufAt = bufSlot] = updated.at;
  const flags = (s.nesterov ? 1 : 0) | (first ? 2 : 0) | (buf === null ? 4 : 0);
  entry(k, "sgd", dtype)(pAt, placeIn(k, g, n, gSlot), bufAt, n, s.lr, s.momentum, s.dampening, s.weightDecay, flags);
  updated.back();
}

/** Adam's update of p in place with its moments m and v (stepSize = lr / (1 − β1ᵗ), bc2Sqrt = √(1 − β2ᵗ)). */
export function adamWasm(p: Storage, g: Storage, m: Storage, v: Storage, b1: number, b2: number, stepSize: number, bc2Sqrt: number, eps: number, weightDecay: number): void {
  const k = wasmKernels(), dtype = dtypeOf(p), n = p.length;
  const [pSlot, gSlot, mSlot, vSlot] = layout(k, dtype, n, n, n, n);
  const updated = inPlace(k, [p, m, v], [pSlot, mSlot, vSlot], [true, true, true]);
  const [pAt, mAt, vAt] = updated.at;
  entry(k, "adam", dtype)(pAt, placeIn(k, g, n, gSlot), mAt, vAt, n, b1, b2, stepSize, bc2Sqrt, eps, weightDecay);
  updated.back();
}
