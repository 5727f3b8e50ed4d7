// Where op results live (float64 or float32 arrays). A typed array with its own ArrayBuffer is
// expensive in V8: ~0.35 µs for 100 values, and 3–5 µs for 3,200 inside a training loop (allocation, zeroing, sweeping), where a
// view into a shared buffer costs ~0.05 µs. So results up to 64 KiB are views into slabs:
// - up to 1 KiB (128 doubles): 16 KiB slabs (W1, the course's deep narrow net, makes ~250 per step);
// - up to 64 KiB: one slab per power-of-two size class, holding 8 arrays of the class's
//   largest size (W4, whose activations are 200×16: 1.88 → 1.70 s per sweep).
// A kept view keeps its whole slab alive, so a slab is at most 16 times the size of any array in
// it (and at most 16 KiB in the small class). Larger arrays, and long-lived ones (parameters, .grad,
// optimizer state), get their own buffer.
// Gradients made during a backward pass are temporaries: nothing keeps them after it (the engine
// copies what lands in .grad). So inside a pass alloc hands out views of one scratch area that
// every pass reuses, warm in cache (W4: 1.70 → 1.52 s per sweep).

import type { DType, Storage } from "./dtype";

const SMALL_MAX_BYTES = 128 * 8;
const SMALL_SLAB_BYTES = 16 * 1024;
const MEDIUM_MAX_BYTES = 8192 * 8;
const ARRAYS_PER_MEDIUM_SLAB = 8;

/** A slab being filled: views are handed out from `offset` (bytes) on, each exactly once. */
interface Slab {
  buffer: ArrayBuffer;
  offset: number;
}
const newSlab = (bytes: number): Slab => ({ buffer: new ArrayBuffer(bytes), offset: 0 });

const small = newSlab(SMALL_SLAB_BYTES);
// medium[c] serves sizes in (2^(c-1), 2^c] bytes; created on first use.
const medium: (Slab | undefined)[] = [];

/** A zero-filled array of length n (float64 unless dtype says otherwise) for an op's result or gradient. */
export function alloc(n: number): Float64Array;
export function alloc(n: number, dtype: DType): Storage;
export function alloc(n: number, dtype: DType = "float64"): Storage {
  const f32 = dtype === "float32";
  // Views start on 8-byte boundaries, so a float32 array of odd length takes one value more.
  const bytes = (f32 ? n * 4 + 7 : n * 8) & ~7;
  if (scratchInUse && bytes <= SCRATCH_CHUNK_BYTES) return scratchTake(n, bytes, f32);
  if (bytes <= SMALL_MAX_BYTES) return take(small, n, bytes, f32);
  if (bytes > MEDIUM_MAX_BYTES) return f32 ? new Float32Array(n) : new Float64Array(n);
  const c = 32 - Math.clz32(bytes - 1); // 2^c ≥ bytes
  const slab = medium[c] ?? (medium[c] = newSlab(ARRAYS_PER_MEDIUM_SLAB * 2 ** c));
  return take(slab, n, bytes, f32);
}

// Node's uninitialised allocation, where there is one (not in the browser build).
const unsafeBytes = (globalThis as { Buffer?: { allocUnsafeSlow(bytes: number): Uint8Array } }).Buffer?.allocUnsafeSlow;

// An array with a buffer of its own whose values are not zeroed (where Node can skip it): the
// caller writes every value next.
function ownToOverwrite(n: number, dtype: DType): Storage {
  const f32 = dtype === "float32";
  if (unsafeBytes === undefined) return f32 ? new Float32Array(n) : new Float64Array(n);
  const b = unsafeBytes(n * (f32 ? 4 : 8));
  return f32 ? new Float32Array(b.buffer, b.byteOffset, n) : new Float64Array(b.buffer, b.byteOffset, n);
}

/** An array of n values for a result whose every value the caller writes next (a kernel's output
 * copied out of the WASM memory): alloc's, except that an array of its own is not zeroed first
 * (a 2 MiB product: zeroing and copying 0.44–0.48 ms, copying alone 0.38). */
export function allocToOverwrite(n: number, dtype: DType): Storage {
  const bytes = dtype === "float32" ? n * 4 : n * 8;
  if (bytes <= MEDIUM_MAX_BYTES || (scratchInUse && bytes <= SCRATCH_CHUNK_BYTES)) return alloc(n, dtype);
  return ownToOverwrite(n, dtype);
}

/** alloc(n) of the same dtype as `like`. */
export const allocLike = (like: Storage, n: number = like.length): Storage =>
  alloc(n, like instanceof Float32Array ? "float32" : "float64");

function view(buffer: ArrayBuffer, offset: number, n: number, f32: boolean): Storage {
  return f32 ? new Float32Array(buffer, offset, n) : new Float64Array(buffer, offset, n);
}

function take(slab: Slab, n: number, bytes: number, f32: boolean): Storage {
  if (slab.offset + bytes > slab.buffer.byteLength) {
    slab.buffer = new ArrayBuffer(slab.buffer.byteLength);
    slab.offset = 0;
  }
  const v = view(slab.buffer, slab.offset, n, f32);
  slab.offset += bytes;
  return v;
}

// The backward pass's scratch: chunks reused from the first on by every pass, so it keeps as much
// memory as the largest pass needed. Arrays above a chunk get their own buffer.
const SCRATCH_CHUNK_BYTES = 1024 * 1024;
const scratchChunks: ArrayBuffer[] = [];
let scratchInUse = false;
let chunk = 0;
let used = 0; // bytes handed out from scratchChunks[chunk]

/** Runs a backward pass with alloc serving from the scratch; its arrays are invalid afterwards. */
export function withScratch<T>(pass: () => T): T {
  if (scratchInUse) return pass(); // nested: the outer pass owns the scratch
  scratchInUse = true;
  chunk = 0;
  used = 0;
  try {
    return pass();
  } finally {
    scratchInUse = false;
  }
}

function scratchTake(n: number, bytes: number, f32: boolean): Storage {
  if (chunk < scratchChunks.length && used + bytes > SCRATCH_CHUNK_BYTES) {
    chunk++;
    used = 0;
  }
  if (chunk === scratchChunks.length) scratchChunks.push(new ArrayBuffer(SCRATCH_CHUNK_BYTES));
  const v = view(scratchChunks[chunk], used, n, f32);
  v.fill(0); // reused memory: alloc promises zeros
  used += bytes;
  return v;
}

// Gradients made with their own buffer for one input only (a linear layer's weight and bias
// gradients): the engine may keep such an array as .grad instead of copying it out of the scratch
// (W2: 118,282 values per step). Each can be taken once.
const handOver = new WeakSet<Storage>();

/** An array with its own buffer that the first adoptGrad(a) may keep as a .grad; not zeroed: the
 * caller writes every value (a kernel's gradient copied out of the WASM memory). */
export function allocGradToKeep(n: number, dtype: DType): Storage {
  const a = ownToOverwrite(n, dtype);
  handOver.add(a);
  return a;
}

/** Whether a came from allocGradToKeep and was not taken yet; it is taken now. */
export function adoptGrad(a: Storage): boolean {
  return handOver.delete(a);
}
