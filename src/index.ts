// gradlab's public entry: the tensor, its ops, autograd helpers, and the nn / optim namespaces.
export { Tensor, type NestedArray, type NestedNumbers, type NestedNumbersArray } from "./tensor";
export { tensor, zeros, ones, full, arange, linspace, eye, randn, rand, zerosLike, onesLike, randnLike, type TensorOptions } from "./creation";
export { manualSeed, getRngState, setRngState, type RngState } from "./random";
export { noGrad, isGradEnabled, Fn, AccumulateGrad } from "./autograd/function";
export * as autograd from "./autograd/public";
export { setDefaultDtype, getDefaultDtype, type DType, type Storage } from "./dtype";
export { setNumThreads, getNumThreads } from "./kernels/threads";
export { gradcheck, type GradcheckOptions } from "./gradcheck";
export {
  add, sub, mul, div, neg, pow, exp, log, sin, cos, tanh, sigmoid, relu, abs, sqrt, matmul, linear,
  sum, mean, max, min, reshape, expand, permute, transpose, squeeze, unsqueeze, softmax, logSoftmax,
  index, slice, type TensorLike,
} from "./ops/index";
export type { Shape } from "./shape";
export * as nn from "./nn/index";
export * as optim from "./optim/index";
export * as linalg from "./linalg";
export {
  check, setCheckSink, setReferenceSource, beginCheckCell,
  type CheckOptions, type CheckSink, type Reference, type ReferenceLookup, type ReferenceSource,
} from "./check/index";
export type { CheckValue } from "./check/values";
export * as plot from "./plot/index";
export { show, clearOutput, type ShowOptions, type ClearOutputOptions } from "./display";
export { progress, type ProgressOptions } from "./progress";
