// Entry of gradlab's WebAssembly module (built by scripts/build-wasm.mjs into
// dist/src/kernels/kernels.wasm and kernels-fma.wasm; loaded by src/kernels/wasm.ts).
export { gemm, gemm32, heapBase, packAllB, packAllB32, packedBBytes, workBytes } from "./gemm";
export { tanh, tanhBackward, tanhBackward32 } from "./tanh";
export { tanh32 } from "./tanh32";
export { addRowVector, addRowVector32, columnSums, columnSums32 } from "./rows";
export { relu, relu32, reluBackward, reluBackward32 } from "./relu";
export { adam, adam32, sgd, sgd32 } from "./optim";
