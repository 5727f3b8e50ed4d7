// Row and column helpers of the linear layer, one v128 (2 doubles or 4 floats) at a time. Each
// column is summed in row order, as the plain loops in src/kernels/linear.ts do, so both give
// identical bits in either dtype.

/** C[i][j] += v[j] for an M×N row-major float64 C (the bias of y = x·Wᵀ + b). */
export function addRowVector(c: usize, v: usize, M: i32, N: i32): void {
  addRowVectorOf<f64>(c, v, M, N);
}
/** The same for float32. */
export function addRowVector32(c: usize, v: usize, M: i32, N: i32): void {
  addRowVectorOf<f32>(c, v, M, N);
}

/** out[j] = Σ_i G[i][j] for an M×N row-major float64 G (the bias gradient of a linear layer). */
export function columnSums(g: usize, M: i32, N: i32, out: usize): void {
  columnSumsOf<f64>(g, M, N, out);
}
/** The same for float32 (float32 sums). */
export function columnSums32(g: usize, M: i32, N: i32, out: usize): void {
  columnSumsOf<f32>(g, M, N, out);
}

// @ts-ignore: decorator
@inline
function vadd<T>(a: v128, b: v128): v128 {
  return sizeof<T>() == 8 ? f64x2.add(a, b) : f32x4.add(a, b);
}

// @ts-ignore: decorator
@inline
function addRowVectorOf<T>(c: usize, v: usize, M: i32, N: i32): void {
  const size = <usize>sizeof<T>();
  const rowBytes = <usize>N * size;
  const vectorsEnd = rowBytes & ~15;
  for (let i = 0; i < M; i++) {
    let j: usize = 0;
    for (; j < vectorsEnd; j += 16) v128.store(c + j, vadd<T>(v128.load(c + j), v128.load(v + j)));
    for (; j < rowBytes; j += size) store<T>(c + j, load<T>(c + j) + load<T>(v + j));
    c += rowBytes;
  }
}

// @ts-ignore: decorator
@inline
function columnSumsOf<T>(g: usize, M: i32, N: i32, out: usize): void {
  const size = <usize>sizeof<T>();
  const rowBytes = <usize>N * size;
  memory.fill(out, 0, rowBytes);
  const vectorsEnd = rowBytes & ~15;
  for (let i = 0; i < M; i++) {
    let j: usize = 0;
    for (; j < vectorsEnd; j += 16) v128.store(out + j, vadd<T>(v128.load(out + j), v128.load(g + j)));
    for (; j < rowBytes; j += size) store<T>(out + j, load<T>(out + j) + load<T>(g + j));
    g += rowBytes;
  }
}
