// relu of a float64 or float32 array and its gradient: the WASM kernels (src/kernels/wasm/relu.ts,
// branch-free SIMD) from RELU_WASM_MIN_LENGTH values on, plain loops below. Both give the same values.
import { dtypeOf, type Storage } from "../dtype";
import { allocLike } from "../storage";
import { elementwise } from "./wasm";

// Below this many values the copies in and out cost more than the branch mispredictions they save.
export const RELU_WASM_MIN_LENGTH = 256;
// Up to this length the three arrays of reluGrad fit the 32-bit WASM memory.
const WASM_MAX_LENGTH = 2 ** 26;

const wasmPays = (n: number) => n >= RELU_WASM_MIN_LENGTH && n <= WASM_MAX_LENGTH;

/** max(x, 0) of every value, as a new array of a's dtype (NaN stays NaN, as PyTorch's relu). */
export function reluArray(a: Storage): Storage {
  const n = a.length;
  if (!wasmPays(n)) {
    const out = allocLike(a);
    for (let i = 0; i < n; i++) out[i] = a[i] > 0 ? a[i] : a[i] !== a[i] ? a[i] : 0;
    return out;
  }
  return elementwise("relu", dtypeOf(a), n, a);
}

/** g where x > 0, else 0: the gradient through relu(x), as a new array of g's dtype. */
export function reluGrad(x: Storage, g: Storage): Storage {
  const n = g.length;
  if (!wasmPays(n)) {
    const out = allocLike(g);
    for (let i = 0; i < n; i++) out[i] = x[i] > 0 ? g[i] : 0;
    return out;
  }
  return elementwise("reluBackward", dtypeOf(g), n, x, g);
}
