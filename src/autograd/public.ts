// The autograd namespace students use, as PyTorch's torch.autograd: `class F extends autograd.Function`.
export { Function } from "./custom-function";
export { Fn, noGrad, isGradEnabled } from "./function";
export { gradcheck } from "../gradcheck";
