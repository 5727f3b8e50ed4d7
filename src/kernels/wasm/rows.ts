// Row and column helpers of the linear layer, two columns at a time. Each column is summed in
// row order, as the plain loops in src/kernels/linear.ts do, so both give identical bits.

/** C[i][j] += v[j] for an M×N row-major C (the bias of y = x·Wᵀ + b). */
export function addRowVector(c: usize, v: usize, M: i32, N: i32): void {
  const rowBytes = <usize>N << 3;
  const pairsEnd = <usize>(N & ~1) << 3;
  for (let i = 0; i < M; i++) {
    let j: usize = 0;
    for (; j < pairsEnd; j += 16) v128.store(c + j, f64x2.add(v128.load(c + j), v128.load(v + j)));
    if (N & 1) store<f64>(c + j, load<f64>(c + j) + load<f64>(v + j));
    c += rowBytes;
  }
}

/** out[j] = Σ_i G[i][j] for an M×N row-major G (the bias gradient of a linear layer). */
export function columnSums(g: usize, M: i32, N: i32, out: usize): void {
  const rowBytes = <usize>N << 3;
  memory.fill(out, 0, rowBytes);
  const pairsEnd = <usize>(N & ~1) << 3;
  for (let i = 0; i < M; i++) {
    let j: usize = 0;
    for (; j < pairsEnd; j += 16) v128.store(out + j, f64x2.add(v128.load(out + j), v128.load(g + j)));
    if (N & 1) store<f64>(out + j, load<f64>(out + j) + load<f64>(g + j));
    g += rowBytes;
  }
}
