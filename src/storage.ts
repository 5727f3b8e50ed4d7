// Where op results live. A Float64Array with its own ArrayBuffer is expensive in V8: ~0.35 µs for
// 100 values, and 3–5 µs for 3,200 inside a training loop (allocation, zeroing, sweeping), where a
// view into a shared buffer costs ~0.05 µs. So results up to 64 KiB are views into slabs:
// - up to 128 values: 16 KiB slabs (W1, the course's deep narrow net, makes ~250 per step);
// - up to 8,192 values: one slab per power-of-two size class, holding 8 arrays of the class's
//   largest size (W4, whose activations are 200×16: 1.88 → 1.70 s per sweep).
// A kept view keeps its whole slab alive, so a slab is at most 16 times the size of any array in
// it (and at most 16 KiB in the small class). Larger arrays, and long-lived ones (parameters, .grad,
// optimizer state), get their own buffer.
// Gradients made during a backward pass are temporaries: nothing keeps them after it (the engine
// copies what lands in .grad). So inside a pass alloc hands out views of one scratch area that
// every pass reuses, warm in cache (W4: 1.70 → 1.52 s per sweep).

const SMALL_MAX = 128; // values
const SMALL_SLAB_BYTES = 16 * 1024;
const MEDIUM_MAX = 8192; // values
const ARRAYS_PER_MEDIUM_SLAB = 8;

/** A slab being filled: views are handed out from `offset` (bytes) on, each exactly once. */
interface Slab {
  buffer: ArrayBuffer;
  offset: number;
}
const newSlab = (bytes: number): Slab => ({ buffer: new ArrayBuffer(bytes), offset: 0 });

const small = newSlab(SMALL_SLAB_BYTES);
// medium[c] serves lengths in (2^(c-1), 2^c]; created on first use.
const medium: (Slab | undefined)[] = [];

/** A zero-filled float64 array of length n for an op's result or gradient. */
export function alloc(n: number): Float64Array {
  if (scratchInUse && n <= SCRATCH_MAX) return scratchTake(n);
  if (n <= SMALL_MAX) return take(small, n);
  if (n > MEDIUM_MAX) return new Float64Array(n);
  const c = 32 - Math.clz32(n - 1); // 2^c ≥ n
  const slab = medium[c] ?? (medium[c] = newSlab(ARRAYS_PER_MEDIUM_SLAB * 8 * 2 ** c));
  return take(slab, n);
}

function take(slab: Slab, n: number): Float64Array {
  const bytes = n * 8;
  if (slab.offset + bytes > slab.buffer.byteLength) {
    slab.buffer = new ArrayBuffer(slab.buffer.byteLength);
    slab.offset = 0;
  }
  const view = new Float64Array(slab.buffer, slab.offset, n);
  slab.offset += bytes;
  return view;
}

// The backward pass's scratch: chunks reused from the first on by every pass, so it keeps as much
// memory as the largest pass needed. Arrays above SCRATCH_MAX values get their own buffer.
const SCRATCH_CHUNK_VALUES = 128 * 1024; // 1 MiB
const SCRATCH_MAX = SCRATCH_CHUNK_VALUES;
const scratchChunks: Float64Array[] = [];
let scratchInUse = false;
let chunk = 0;
let used = 0; // values handed out from scratchChunks[chunk]

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

function scratchTake(n: number): Float64Array {
  if (chunk < scratchChunks.length && used + n > SCRATCH_CHUNK_VALUES) {
    chunk++;
    used = 0;
  }
  if (chunk === scratchChunks.length) scratchChunks.push(new Float64Array(SCRATCH_CHUNK_VALUES));
  const view = scratchChunks[chunk].subarray(used, used + n);
  view.fill(0); // reused memory: alloc promises zeros
  used += n;
  return view;
}
