// Where op results live. Small results are views into shared 16 KiB slabs: a fresh Float64Array
// of 100 values costs ~0.35 µs here (its own backing store), a view ~0.05 µs, and W1 (the
// course's deep narrow net) makes ~250 of them per step. Slabs are small so a kept result pins
// little memory; large results and long-lived arrays (parameters, grads, optimizer state) use
// plain allocation.

const SLAB_BYTES = 16 * 1024;
const MAX_POOLED = 128; // values; larger arrays gain nothing from pooling

let slab = new ArrayBuffer(SLAB_BYTES);
let offset = 0;

/** A zero-filled float64 array of length n for an op's result or gradient. */
export function alloc(n: number): Float64Array {
  if (n > MAX_POOLED) return new Float64Array(n);
  const bytes = n * 8;
  if (offset + bytes > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES);
    offset = 0;
  }
  const view = new Float64Array(slab, offset, n);
  offset += bytes;
  return view;
}
