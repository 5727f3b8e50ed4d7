// Every message a student can see, in one place, so a teacher can reword them without
// touching logic and tests can match on them (vega-lite's log/message.ts).

const fmtShape = (s: readonly number[]): string => `[${s.join(",")}]`;
export { fmtShape as shapeText };

export const msg = {
  badData: (what: string) =>
    `tensor: cannot make a tensor from ${what}; pass a number, a (nested) array of numbers or a Float64Array.`,
  ragged: (path: string, expected: number, got: number) =>
    `tensor: nested arrays must be rectangular, but the list at ${path} has ${got} items where ${expected} were expected.`,
  badShape: (op: string, shape: unknown) =>
    `${op}: ${JSON.stringify(shape)} is not a valid shape; use non-negative whole numbers, e.g. [2, 3] or 2, 3.`,
  broadcast: (op: string, a: readonly number[], b: readonly number[]) =>
    `${op}: shapes ${fmtShape(a)} and ${fmtShape(b)} cannot be broadcast together; trailing dimensions must be equal or 1 (reshape or unsqueeze one of them).`,
  expand: (from: readonly number[], to: readonly number[]) =>
    `expand: cannot expand shape ${fmtShape(from)} to ${fmtShape(to)}; only dimensions of size 1 can grow.`,
  reshape: (from: readonly number[], to: readonly number[]) =>
    `reshape: cannot reshape a tensor of shape ${fmtShape(from)} (${from.reduce((a, b) => a * b, 1)} values) into ${fmtShape(to)}.`,
  reshapeInfer: (to: readonly number[]) => `reshape: at most one dimension can be -1 in ${fmtShape(to)}.`,
  dim: (op: string, dim: number, ndim: number) =>
    `${op}: dimension ${dim} is out of range for a tensor with ${ndim} dimension${ndim === 1 ? "" : "s"} (use -${ndim}..${ndim - 1}).`,
  permute: (dims: readonly number[], ndim: number) =>
    `permute: ${fmtShape(dims)} is not a permutation of the ${ndim} dimensions.`,
  matmulAlign: (a: readonly number[], b: readonly number[]) =>
    `matmul: shapes ${fmtShape(a)} and ${fmtShape(b)} do not align: the last dimension of the first (${a[a.length - 1]}) must equal the ${b.length === 1 ? "length" : "first dimension"} of the second (${b[0]}).`,
  matmulRank: (a: readonly number[], b: readonly number[]) =>
    `matmul: shapes ${fmtShape(a)} and ${fmtShape(b)}: only 1-D and 2-D tensors are supported; reshape batched inputs to 2-D.`,
  linearShape: (x: readonly number[], w: readonly number[]) =>
    `linear: input of shape ${fmtShape(x)} does not fit weight ${fmtShape(w)}: the input's last dimension must be ${w[1]} (inFeatures).`,
  domain: (op: string, bad: number, index: number, rule: string) =>
    `${op}: input has a value outside the domain (${bad} at flat index ${index}); ${rule}.`,
  index: (i: number, size: number) => `index: row ${i} is out of range for a dimension of size ${size} (use -${size}..${size - 1}).`,
  notIndex: (v: unknown) => `index: ${String(v)} is not a whole number; row indices must be integers.`,
  itemNotScalar: (shape: readonly number[]) =>
    `item: only a tensor with one element can be converted to a number, but this one has shape ${fmtShape(shape)}; use toArray() or index it first.`,
  backwardNonScalar: (shape: readonly number[]) =>
    `backward: grad can be implicitly created only for one-element outputs, but this tensor has shape ${fmtShape(shape)}; reduce it first (e.g. loss.mean()) or pass a gradient of the same shape.`,
  backwardNoGrad: () =>
    `backward: this tensor does not require grad and has no gradFn; create the inputs with { requiresGrad: true } (and do not compute it inside noGrad).`,
  backwardGradShape: (got: readonly number[], want: readonly number[]) =>
    `backward: the gradient has shape ${fmtShape(got)} but the tensor has shape ${fmtShape(want)}; they must match.`,
  backwardTwice: (op: string) =>
    `backward: trying to backward through the graph a second time (at ${op}); its saved values were freed after the first backward. Recompute the forward pass, or call backward(undefined, { retainGraph: true }) the first time.`,
  gradShape: (op: string, i: number, got: ArrayLike<number>, want: { shape: readonly number[]; dtype: string }) =>
    `internal: ${op}'s backward returned ${got.length} ${got instanceof Float32Array ? "float32" : "float64"} values for input ${i} of shape ${fmtShape(want.shape)} and dtype ${want.dtype}.`,
  customGradCount: (fn: string, want: number, got: number) =>
    `${fn}.backward: returned ${got} gradient${got === 1 ? "" : "s"}, but forward had ${want} tensor argument${want === 1 ? "" : "s"}; return one per tensor argument (null where none is needed).`,
  customGradShape: (fn: string, i: number, got: unknown, want: readonly number[]) =>
    `${fn}.backward: the gradient for tensor argument ${i} must be a tensor of shape ${fmtShape(want)}, got ${got !== null && typeof got === "object" && "shape" in got ? `shape ${fmtShape((got as { shape: number[] }).shape)}` : typeof got}.`,
  forwardNotTensor: (fn: string) => `${fn}.forward: must return a Tensor.`,
  badDtype: (op: string, d: unknown) => `${op}: dtype must be "float32" or "float64", got ${JSON.stringify(d) ?? String(d)}.`,
  linearDtype: (x: string, w: string) =>
    `linear: the input is ${x} but the layer's parameters are ${w}; convert the input (x.${w === "float32" ? "float" : "double"}()) or the model (model.${x === "float32" ? "float" : "double"}()).`,
  dtypeMismatch: (op: string, a: string, b: string, fix: string) =>
    `${op}: expected both operands to have the same dtype, but got ${a} and ${b}; ${fix}.`,
  inPlaceLeaf: () =>
    `a leaf tensor that requires grad cannot be changed in place; do it inside noGrad(() => ...) or on .detach().`,
  notScalarArg: (op: string, name: string, v: unknown) => `${op}: ${name} must be a finite number, got ${String(v)}.`,
  notTensor: (op: string, v: unknown) => `${op}: expected a Tensor or a number, got ${typeof v === "object" ? (v === null ? "null" : (v as object).constructor?.name ?? "object") : typeof v}.`,
  optimArg: (opt: string, name: string, v: unknown) => `${opt}: invalid ${name} value: ${String(v)}.`,
  optimNesterov: () => `SGD: Nesterov momentum requires a momentum > 0 and zero dampening.`,
  optimEmpty: (opt: string) => `${opt}: got an empty parameter list; pass model.parameters() of a model that has parameters.`,
  optimNotLeaf: (opt: string) =>
    `${opt}: can only optimize leaf tensors that require grad; pass parameters (e.g. model.parameters()) or tensors made with { requiresGrad: true }.`,
  optimGradShape: (opt: string, p: readonly number[], g: readonly number[]) =>
    `${opt}: a gradient of shape ${fmtShape(g)} does not match its parameter ${fmtShape(p)}.`,
  lossShape: (loss: string, a: readonly number[], b: readonly number[]) =>
    `${loss}: input ${fmtShape(a)} and target ${fmtShape(b)} must have the same shape (reshape one of them, e.g. target.reshape(${a.join(", ")})).`,
  crossEntropyShape: (a: readonly number[], b: readonly number[]) =>
    `CrossEntropyLoss: logits must be [N, C] and targets [N] class indices; got ${fmtShape(a)} and ${fmtShape(b)}.`,
  crossEntropyTarget: (v: number, c: number) =>
    `CrossEntropyLoss: target ${v} is not a class index in 0..${c - 1}; targets must be whole numbers.`,
  reduction: (loss: string, r: unknown) => `${loss}: reduction must be "mean", "sum" or "none", got ${String(r)}.`,
  moduleForward: (name: string) => `${name}: forward() is not implemented; define forward(x) in your Module subclass.`,
  linearArgs: (inF: unknown, outF: unknown) =>
    `Linear: inFeatures and outFeatures must be positive whole numbers, got ${String(inF)} and ${String(outF)}.`,
  initFan: (fn: string, shape: readonly number[]) =>
    `${fn}: fan in and fan out cannot be computed for a tensor with fewer than 2 dimensions (shape ${fmtShape(shape)}).`,
  initNonlinearity: (v: string) => `nn.init: unsupported nonlinearity "${v}"; use linear, relu, leaky_relu, tanh or sigmoid.`,
  seed: (v: unknown) => `manualSeed: the seed must be a whole number, got ${String(v)}.`,
  rngState: "setRngState: pass a state getRngState() returned ({ state: four 32-bit unsigned integers, not all 0, spareNormal: a number or null }).",
  arange: (start: number, end: number, step: number) =>
    `arange: cannot go from ${start} to ${end} with step ${step}; the step must be non-zero and point towards the end.`,
  linspace: (steps: unknown) => `linspace: steps must be a non-negative whole number, got ${String(steps)}.`,
  gradcheckFail: (input: number, index: number, analytic: number, numeric: number) =>
    `gradcheck: gradients differ for input ${input} at flat index ${index}: autograd gave ${analytic}, finite differences gave ${numeric}.`,
  gradcheckInput: (i: number) =>
    `gradcheck: input ${i} must be a tensor with requiresGrad: true (float64), so its gradient can be checked.`,
  gradcheckFloat32: (i: number) =>
    `gradcheck: input ${i} is float32; finite differences in float32 are too coarse for the check to mean anything (PyTorch: "this check will likely fail if all the inputs are not of double precision floating point"). Check in float64: pass x.double().`,
  numThreads: (n: unknown) => `setNumThreads: the number of threads must be 1 or 2, got ${String(n)}.`,
  noGradAsync: () => `noGrad: the function returned a Promise; noGrad only covers synchronous code.`,
  progressInput: (what: string) =>
    `progress: expected a count (a whole number, 0 or more) or something to iterate over (an array, a Set, a generator), got ${what}.`,
} as const;
