// Small dense linear algebra for the course's analyses (singular values of a network's map, linear
// regression's closed form): values only, no autograd. Sizes here are tens of columns, so plain
// O(n³) algorithms in float64 are exact enough and fast enough (float32 inputs are read as float64,
// and results are float64).
import { Tensor } from "./tensor";

function matrixOf(op: string, a: Tensor): { m: number; n: number; d: Float64Array } {
  if (!(a instanceof Tensor) || a.shape.length !== 2) {
    const got = a instanceof Tensor ? `shape [${a.shape.join(", ")}]` : typeof a;
    throw new Error(`linalg.${op}: expected a matrix (a 2-D tensor), got ${got}; reshape it to [rows, columns] first.`);
  }
  const [m, n] = a.shape;
  return { m, n, d: a.data instanceof Float64Array ? a.data : Float64Array.from(a.data) };
}

function squareOf(op: string, a: Tensor): { n: number; d: Float64Array } {
  const { m, n, d } = matrixOf(op, a);
  if (m !== n) throw new Error(`linalg.${op}: expected a square matrix, got shape [${m}, ${n}].`);
  return { n, d };
}

/** Column j of a column-major buffer with `rows` rows. */
const col = (buf: Float64Array, rows: number, j: number): Float64Array => buf.subarray(j * rows, (j + 1) * rows);

/** Rotates columns p and q of a column-major buffer by the Jacobi rotation (c, s). */
function rotate(buf: Float64Array, rows: number, p: number, q: number, c: number, s: number): void {
  const x = col(buf, rows, p), y = col(buf, rows, q);
  for (let i = 0; i < rows; i++) {
    const xi = x[i], yi = y[i];
    x[i] = c * xi - s * yi;
    y[i] = s * xi + c * yi;
  }
}

function dot(x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * y[i];
  return s;
}

/** Replaces column j by a unit vector orthogonal to the columns in `done` (for zero singular values). */
function completeColumn(buf: Float64Array, rows: number, j: number, done: number[]): void {
  const v = col(buf, rows, j);
  for (let e = 0; e < rows; e++) {
    v.fill(0);
    v[e] = 1;
    for (const k of done) {
      const u = col(buf, rows, k), p = dot(u, v);
      for (let i = 0; i < rows; i++) v[i] -= p * u[i];
    }
    const norm = Math.sqrt(dot(v, v));
    if (norm > 1e-6) {
      for (let i = 0; i < rows; i++) v[i] /= norm;
      return;
    }
  }
}

/** One-sided Jacobi SVD of a tall matrix given column-major (m ≥ n): U (m×n), S (n), V (n×n). */
function jacobiTall(a: Float64Array, m: number, n: number): { u: Float64Array; s: Float64Array; v: Float64Array } {
  const u = a.slice();
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const up = col(u, m, p), uq = col(u, m, q);
        const alpha = dot(up, up), beta = dot(uq, uq), gamma = dot(up, uq);
        if (gamma === 0 || Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        rotate(u, m, p, q, c, c * t);
        rotate(v, n, p, q, c, c * t);
      }
    }
    if (!rotated) break;
  }
  const norms = Array.from({ length: n }, (_, j) => Math.sqrt(dot(col(u, m, j), col(u, m, j))));
  const order = norms.map((_, j) => j).sort((i, j) => norms[j] - norms[i]);
  const us = new Float64Array(m * n), vs = new Float64Array(n * n), s = new Float64Array(n);
  const tiny = (norms[order[0]] || 1) * 1e-13 * Math.max(m, n);
  const done: number[] = [];
  order.forEach((j, k) => {
    s[k] = norms[j];
    vs.set(col(v, n, j), k * n);
    if (norms[j] > tiny) {
      const src = col(u, m, j), dst = col(us, m, k);
      for (let i = 0; i < m; i++) dst[i] = src[i] / norms[j];
    } else {
      s[k] = 0;
      completeColumn(us, m, k, done);
    }
    done.push(k);
  });
  return { u: us, s, v: vs };
}

/**
 * Householder QR of a tall column-major matrix (m × n, m ≥ n): R (n × n, column-major) and the
 * reflectors, so a very tall SVD costs one O(mn²) pass plus a Jacobi SVD of the small R.
 */
function householderQr(a: Float64Array, m: number, n: number): { r: Float64Array; reflectors: Float64Array[] } {
  const w = a.slice();
  const reflectors: Float64Array[] = [];
  for (let k = 0; k < n; k++) {
    // Flat indices rather than subarrays: this runs once per training epoch on a 10000 × 8 matrix in notebook 03.
    const base = k * m + k, len = m - k;
    let norm = 0;
    for (let i = 0; i < len; i++) norm += w[base + i] * w[base + i];
    norm = Math.sqrt(norm);
    const h = w.slice(base, base + len);
    h[0] += (h[0] >= 0 ? 1 : -1) * norm;
    let hh = 0;
    for (let i = 0; i < len; i++) hh += h[i] * h[i];
    const scale = hh === 0 ? 0 : 1 / Math.sqrt(hh / 2);
    for (let i = 0; i < len; i++) h[i] *= scale;
    reflectors.push(h);
    for (let j = k; j < n; j++) reflect(h, w, j * m + k);
  }
  const r = new Float64Array(n * n);
  for (let j = 0; j < n; j++) for (let i = 0; i <= j; i++) r[j * n + i] = w[j * m + i];
  return { r, reflectors };
}

/** buf[at …] -= (h·buf[at …]) h: one Householder reflection of a column's tail. */
function reflect(h: Float64Array, buf: Float64Array, at: number): void {
  let p = 0;
  for (let i = 0; i < h.length; i++) p += h[i] * buf[at + i];
  for (let i = 0; i < h.length; i++) buf[at + i] -= p * h[i];
}

/** Q·[B; 0] for the reflectors of householderQr and a column-major n × k matrix B. */
function applyQ(reflectors: Float64Array[], b: Float64Array, m: number, n: number, k: number): Float64Array {
  const out = new Float64Array(m * k);
  for (let j = 0; j < k; j++) out.set(b.subarray(j * n, (j + 1) * n), j * m);
  for (let r = reflectors.length - 1; r >= 0; r--) for (let j = 0; j < k; j++) reflect(reflectors[r], out, j * m + r);
  return out;
}

/** Tall SVD: straight Jacobi for nearly square matrices, QR first for very tall ones. */
function svdTall(a: Float64Array, m: number, n: number): { u: Float64Array; s: Float64Array; v: Float64Array } {
  if (m <= 2 * n) return jacobiTall(a, m, n);
  const { r, reflectors } = householderQr(a, m, n);
  const small = jacobiTall(r, n, n);
  return { u: applyQ(reflectors, small.u, m, n, n), s: small.s, v: small.v };
}

/** Column-major buffer (rows × cols) → row-major tensor. */
function fromColumnMajor(buf: Float64Array, rows: number, cols: number): Tensor {
  const out = new Float64Array(rows * cols);
  for (let j = 0; j < cols; j++) for (let i = 0; i < rows; i++) out[i * cols + j] = buf[j * rows + i];
  return new Tensor(out, [rows, cols]);
}

/**
 * The reduced singular value decomposition A = U·diag(S)·Vᵀ (PyTorch's torch.svd): for A of shape
 * [m, n] and k = min(m, n), U is [m, k], S holds k values in descending order, V is [n, k].
 * Columns of U and V are determined up to sign. No gradient flows through it.
 * @example const { S } = linalg.svd(tensor([[3, 0], [0, 2], [0, 0]])) // S = [3, 2]
 */
export function svd(a: Tensor): { U: Tensor; S: Tensor; V: Tensor } {
  const { m, n, d } = matrixOf("svd", a);
  if (m === 0 || n === 0) throw new Error(`linalg.svd: the matrix is empty (shape [${m}, ${n}]).`);
  // Column-major A is row-major Aᵀ, so a wide matrix is decomposed as its transpose for free.
  const tall = m >= n;
  const [rows, cols] = tall ? [m, n] : [n, m];
  const cm = new Float64Array(m * n);
  if (tall) for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) cm[j * m + i] = d[i * n + j];
  else cm.set(d);
  const { u, s, v } = svdTall(cm, rows, cols);
  const U = fromColumnMajor(u, rows, cols), V = fromColumnMajor(v, cols, cols);
  return tall ? { U, S: new Tensor(s, [cols]), V } : { U: V, S: new Tensor(s, [cols]), V: U };
}

/** LU factorisation with partial pivoting, in place on a row-major copy; throws when singular. */
function luSolveInPlace(op: string, lu: Float64Array, n: number, rhs: Float64Array, k: number): void {
  const scale = lu.reduce((mx, v) => Math.max(mx, Math.abs(v)), 0);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(lu[r * n + c]) > Math.abs(lu[piv * n + c])) piv = r;
    if (Math.abs(lu[piv * n + c]) <= 1e-13 * scale * n) {
      throw new Error(`linalg.${op}: the matrix is singular (or nearly so: no usable pivot in column ${c}); it has no inverse.`);
    }
    if (piv !== c) {
      for (let j = 0; j < n; j++) [lu[c * n + j], lu[piv * n + j]] = [lu[piv * n + j], lu[c * n + j]];
      for (let j = 0; j < k; j++) [rhs[c * k + j], rhs[piv * k + j]] = [rhs[piv * k + j], rhs[c * k + j]];
    }
    for (let r = c + 1; r < n; r++) {
      const f = lu[r * n + c] / lu[c * n + c];
      if (f === 0) continue;
      for (let j = c; j < n; j++) lu[r * n + j] -= f * lu[c * n + j];
      for (let j = 0; j < k; j++) rhs[r * k + j] -= f * rhs[c * k + j];
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    for (let j = 0; j < k; j++) {
      let acc = rhs[r * k + j];
      for (let c = r + 1; c < n; c++) acc -= lu[r * n + c] * rhs[c * k + j];
      rhs[r * k + j] = acc / lu[r * n + r];
    }
  }
}

/**
 * The solution X of A·X = B for a square, invertible A ([n, n]); B is [n] or [n, k].
 * @example linalg.solve(tensor([[2, 0], [0, 4]]), tensor([2, 2])) // [1, 0.5]
 */
export function solve(a: Tensor, b: Tensor): Tensor {
  return solveAs("solve", a, b);
}

function solveAs(op: string, a: Tensor, b: Tensor): Tensor {
  const { n, d } = squareOf(op, a);
  if (!(b instanceof Tensor) || (b.shape.length !== 1 && b.shape.length !== 2) || b.shape[0] !== n) {
    const got = b instanceof Tensor ? `[${b.shape.join(", ")}]` : typeof b;
    throw new Error(`linalg.solve: A is [${n}, ${n}], so B must be [${n}] or [${n}, k], got ${got}.`);
  }
  const k = b.shape.length === 1 ? 1 : b.shape[1];
  const x = Float64Array.from(b.data);
  luSolveInPlace(op, d.slice(), n, x, k);
  return new Tensor(x, [...b.shape]);
}

/**
 * The inverse of a square, invertible matrix.
 * @example linalg.inv(tensor([[2, 0], [0, 4]])) // [[0.5, 0], [0, 0.25]]
 */
export function inv(a: Tensor): Tensor {
  const { n } = squareOf("inv", a);
  const id = new Float64Array(n * n);
  for (let i = 0; i < n; i++) id[i * n + i] = 1;
  return solveAs("inv", a, new Tensor(id, [n, n]));
}
