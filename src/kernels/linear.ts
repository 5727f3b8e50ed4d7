// The linear layer's arithmetic, y = x·Wᵀ + b and its three gradients, as one WASM call each
// way when the product is big enough (one copy of each operand, bias and bias gradient in SIMD),
// else plain loops. W4 (tanh MLPs on 200×16 activations) spends most of a step here and in tanh.
// Arrays have one dtype (x's); the WASM entries of that dtype run.
import { dtypeOf, type Storage } from "../dtype";
import { allocGradToKeep, allocLike } from "../storage";
import { gemm, gemmPaysInWasm } from "./gemm";
import { gemmInMemory } from "./gemm-wasm";
import { placeIn } from "./resident";
import { copyOut, entry, layout, wasmKernels } from "./wasm";

/** x [N,inF] · Wᵀ (W is [outF,inF]) + b [outF] (b may be null), as a new N×outF array. */
export function linearForward(x: Storage, w: Storage, b: Storage | null, N: number, inF: number, outF: number): Storage {
  if (!gemmPaysInWasm(N, outF, inF, outF)) {
    const y = gemm(false, true, N, outF, inF, x, w);
    if (b !== null) for (let i = 0, row = 0; i < N; i++, row += outF) for (let j = 0; j < outF; j++) y[row + j] += b[j];
    return y;
  }
  const k = wasmKernels(), dtype = dtypeOf(x);
  const [xSlot, wSlot, bSlot, yAt] = layout(k, dtype, N * inF, outF * inF, outF, N * outF);
  const xAt = placeIn(k, x, N * inF, xSlot), wAt = placeIn(k, w, outF * inF, wSlot);
  gemmInMemory(k, dtype, false, true, N, outF, inF, xAt, wAt, yAt);
  if (b !== null) {
    entry(k, "addRowVector", dtype)(yAt, placeIn(k, b, outF, bSlot), N, outF);
  }
  return copyOut(k, yAt, N * outF, dtype);
}

/** Which gradients linearBackward computes; the others come back null. */
export interface LinearNeeds { x: boolean; w: boolean; b: boolean }
/** The gradients of x, W and b. */
export interface LinearGrads { dx: Storage | null; dw: Storage | null; db: Storage | null }

/** dx = g·W, dW = gᵀ·x, db = column sums of g, for g [N,outF] (the output's gradient). */
export function linearBackward(g: Storage, x: Storage, w: Storage, N: number, inF: number, outF: number, need: LinearNeeds): LinearGrads {
  if (!gemmPaysInWasm(N, inF, outF, N * inF + outF * inF + outF)) {
    let db: Storage | null = null;
    if (need.b) {
      db = allocLike(g, outF);
      for (let i = 0, row = 0; i < N; i++, row += outF) for (let j = 0; j < outF; j++) db[j] += g[row + j];
    }
    return {
      dx: need.x ? gemm(false, false, N, inF, outF, g, w) : null,
      dw: need.w ? gemm(true, false, outF, inF, N, g, x) : null,
      db,
    };
  }
  const k = wasmKernels(), dtype = dtypeOf(g);
  const [gSlot, wSlot, xSlot, dxAt, dwAt, dbAt] = layout(k, dtype, N * outF, outF * inF, N * inF, N * inF, outF * inF, outF);
  const gAt = placeIn(k, g, N * outF, gSlot);
  if (need.x) gemmInMemory(k, dtype, false, false, N, inF, outF, gAt, placeIn(k, w, outF * inF, wSlot), dxAt);
  if (need.w) gemmInMemory(k, dtype, true, false, outF, inF, N, gAt, placeIn(k, x, N * inF, xSlot), dwAt);
  if (need.b) entry(k, "columnSums", dtype)(gAt, N, outF, dbAt);
  return {
    dx: need.x ? copyOut(k, dxAt, N * inF, dtype) : null,
    // A parameter's gradients: the engine keeps these arrays as .grad rather than copy them again.
    dw: need.w ? copyOut(k, dwAt, outF * inF, dtype, allocGradToKeep) : null,
    db: need.b ? copyOut(k, dbAt, outF, dtype, allocGradToKeep) : null,
  };
}
