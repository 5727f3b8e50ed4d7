// Long-lived arrays (the parameters of large layers, optimizer state) kept in the WASM kernels'
// memory, so that products and updates read and write them where they are instead of copying
// them in and out at every call (W2's 118,282 parameters and as many momentum values were ~2.8 MB
// of copies per step). The memory is shared (src/kernels/wasm.ts): growing it never detaches these
// views. A block is given back when its array is garbage-collected (a subarray of it does not keep
// the block: the registry watches the array itself, as the memory's buffer never goes away); blocks
// sit below the host's per-call arrays, which start after the highest block.
import { newStorage, type DType, type Storage } from "../dtype";
import { bytesOf, copyIn, reserve, wasmKernels, type WasmKernels } from "./wasm";

// Arrays of at least this many values live in the WASM memory (the optimizers' kernel threshold;
// W1's and W4's parameters are smaller and stay plain arrays).
export const RESIDENT_MIN_LENGTH = 1024;
// At most this many bytes in all: beyond, arrays are plain ones (the memory is 4 GiB at most and
// also holds each call's operands).
const RESIDENT_MAX_BYTES = 2 ** 30;

interface Block { k: WasmKernels; at: number; bytes: number }
// Free blocks below the top, by address; the top is the first byte above every block in use.
const free: Block[] = [];
let top = -1;
let inUse = 0;
const owner = new WeakMap<Storage, Block>();
const registry = new FinalizationRegistry<Block>(release);

function take(k: WasmKernels, bytes: number): number {
  if (top < 0) top = k.arrays;
  const i = free.findIndex((b) => b.bytes >= bytes);
  if (i >= 0) {
    const b = free[i];
    if (b.bytes === bytes) free.splice(i, 1);
    else free[i] = { k, at: b.at + bytes, bytes: b.bytes - bytes };
    return b.at;
  }
  const at = top;
  top += bytes;
  k.arrays = top; // the per-call arrays move up
  reserve(k, 0);
  return at;
}

const adjacent = (a: Block, b: Block) => a.at + a.bytes === b.at;

function release(block: Block): void {
  inUse -= block.bytes;
  let i = free.findIndex((b) => b.at > block.at);
  if (i < 0) i = free.length;
  free.splice(i, 0, block);
  if (i + 1 < free.length && adjacent(free[i], free[i + 1])) free.splice(i, 2, { k: block.k, at: free[i].at, bytes: free[i].bytes + free[i + 1].bytes });
  if (i > 0 && adjacent(free[i - 1], free[i])) free.splice(i - 1, 2, { k: block.k, at: free[i - 1].at, bytes: free[i - 1].bytes + free[i].bytes });
  // A free block that ends at the top goes back to the per-call arrays.
  const last = free[free.length - 1];
  if (last.at + last.bytes === top) {
    free.pop();
    top = last.at;
    block.k.arrays = top;
  }
}

/** A zero-filled array of n values of the dtype that lives in the kernels' memory when it is large
 * (a plain array otherwise, or when that memory is full): for parameters and optimizer state. */
export function longLivedStorage(dtype: DType, n: number): Storage {
  const bytes = (n * bytesOf(dtype) + 63) & ~63;
  if (n < RESIDENT_MIN_LENGTH || inUse + bytes > RESIDENT_MAX_BYTES) return newStorage(dtype, n);
  const k = wasmKernels();
  const at = take(k, bytes);
  inUse += bytes;
  const buffer = k.memory.buffer as ArrayBuffer;
  const a = dtype === "float32" ? new Float32Array(buffer, at, n) : new Float64Array(buffer, at, n);
  a.fill(0); // a reused block holds old values
  const block = { k, at, bytes };
  owner.set(a, block);
  registry.register(a, block);
  return a;
}

/** A long-lived copy of a's values in the dtype (rounded to float32 when narrowing). */
export function longLivedCopy(a: Storage, dtype: DType): Storage {
  const out = longLivedStorage(dtype, a.length);
  out.set(a);
  return out;
}

/** Where a's values start in k's memory (bytes) when a lives there, else -1. */
export function residentAt(k: WasmKernels, a: Storage): number {
  const o = owner.get(a);
  return o !== undefined && o.k === k ? o.at : -1;
}

/** Where the first n values of src are in k's memory for a kernel that only reads them: where
 * src lives, or else byte offset at, after copying them there. */
export function placeIn(k: WasmKernels, src: Storage, n: number, at: number): number {
  const own = residentAt(k, src);
  if (own >= 0) return own;
  copyIn(k, src, n, at);
  return at;
}
