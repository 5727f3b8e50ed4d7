// Entry of gradlab's WebAssembly module (built by scripts/build-wasm.mjs into
// dist/src/kernels/kernels.wasm and kernels-fma.wasm; loaded by src/kernels/wasm.ts).
export { gemm, heapBase, workBytes } from "./gemm";
export { tanh, tanhBackward } from "./tanh";
export { addRowVector, columnSums } from "./rows";
