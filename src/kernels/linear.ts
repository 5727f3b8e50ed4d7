// The linear layer's arithmetic, y = x·Wᵀ + b and its three gradients, as one WASM call each
// way when the product is big enough (one copy of each operand, bias and bias gradient in SIMD),
// else plain loops. W4 (tanh MLPs on 200×16 activations) spends most of a step here and in tanh.
import { alloc } from "../storage";
import { gemm, gemmPaysInWasm } from "./gemm";
import { copyIn, copyOut, reserve, wasmKernels } from "./wasm";

/** x [N,inF] · Wᵀ (W is [outF,inF]) + b [outF] (b may be null), as a new N×outF array. */
export function linearForward(x: Float64Array, w: Float64Array, b: Float64Array | null, N: number, inF: number, outF: number): Float64Array {
  if (!gemmPaysInWasm(N, outF, inF, outF)) {
    const y = gemm(false, true, N, outF, inF, x, w);
    if (b !== null) for (let i = 0, row = 0; i < N; i++, row += outF) for (let j = 0; j < outF; j++) y[row + j] += b[j];
    return y;
  }
  const k = wasmKernels();
  const xAt = reserve(k, N * inF + outF * inF + outF + N * outF);
  const wAt = xAt + N * inF, bAt = wAt + outF * inF, yAt = bAt + outF;
  copyIn(k, x, N * inF, xAt);
  copyIn(k, w, outF * inF, wAt);
  k.exports.gemm(0, 1, N, outF, inF, xAt * 8, wAt * 8, yAt * 8, k.work);
  if (b !== null) {
    copyIn(k, b, outF, bAt);
    k.exports.addRowVector(yAt * 8, bAt * 8, N, outF);
  }
  return copyOut(k, yAt, N * outF);
}

/** Which gradients linearBackward computes; the others come back null. */
export interface LinearNeeds { x: boolean; w: boolean; b: boolean }
/** The gradients of x, W and b. */
export interface LinearGrads { dx: Float64Array | null; dw: Float64Array | null; db: Float64Array | null }

/** dx = g·W, dW = gᵀ·x, db = column sums of g, for g [N,outF] (the output's gradient). */
export function linearBackward(g: Float64Array, x: Float64Array, w: Float64Array, N: number, inF: number, outF: number, need: LinearNeeds): LinearGrads {
  if (!gemmPaysInWasm(N, inF, outF, N * inF + outF * inF + outF)) {
    let db: Float64Array | null = null;
    if (need.b) {
      db = alloc(outF);
      for (let i = 0, row = 0; i < N; i++, row += outF) for (let j = 0; j < outF; j++) db[j] += g[row + j];
    }
    return {
      dx: need.x ? gemm(false, false, N, inF, outF, g, w) : null,
      dw: need.w ? gemm(true, false, outF, inF, N, g, x) : null,
      db,
    };
  }
  const k = wasmKernels(), run = k.exports;
  const gAt = reserve(k, N * outF + outF * inF + N * inF + N * inF + outF * inF + outF);
  const wAt = gAt + N * outF, xAt = wAt + outF * inF, dxAt = xAt + N * inF, dwAt = dxAt + N * inF, dbAt = dwAt + outF * inF;
  copyIn(k, g, N * outF, gAt);
  if (need.x) {
    copyIn(k, w, outF * inF, wAt);
    run.gemm(0, 0, N, inF, outF, gAt * 8, wAt * 8, dxAt * 8, k.work);
  }
  if (need.w) {
    copyIn(k, x, N * inF, xAt);
    run.gemm(1, 0, outF, inF, N, gAt * 8, xAt * 8, dwAt * 8, k.work);
  }
  if (need.b) run.columnSums(gAt * 8, N, outF, dbAt * 8);
  return {
    dx: need.x ? copyOut(k, dxAt, N * inF) : null,
    dw: need.w ? copyOut(k, dwAt, outF * inF) : null,
    db: need.b ? copyOut(k, dbAt, outF) : null,
  };
}
