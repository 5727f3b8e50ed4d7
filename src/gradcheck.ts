// Finite-difference gradient checking for students and tests (PyTorch's gradcheck, float64).
import { noGrad } from "./autograd/function";
import { msg } from "./messages";
import { Tensor } from "./tensor";

/** Tolerances and behaviour of gradcheck. */
export interface GradcheckOptions {
  eps?: number;
  atol?: number;
  rtol?: number;
  /** Throw with the first mismatch (default true, as PyTorch); false returns false instead. */
  raiseException?: boolean;
}

/**
 * Checks autograd's gradient of sum(fn(...inputs)) against central finite differences for every
 * input that requires grad. Returns true, or throws (or returns false) naming the first mismatch.
 * @example gradcheck((x) => x.tanh(), [randn([3], { requiresGrad: true })]) // true
 */
export function gradcheck(fn: (...inputs: Tensor[]) => Tensor, inputs: Tensor[], options: GradcheckOptions = {}): boolean {
  const { eps = 1e-6, atol = 1e-5, rtol = 1e-3, raiseException = true } = options;
  inputs.forEach((t, i) => {
    if (!(t instanceof Tensor) || !t.requiresGrad) throw new Error(msg.gradcheckInput(i));
    if (t.dtype !== "float64") throw new Error(msg.gradcheckFloat32(i));
  });
  const saved = inputs.map((t) => t.grad);
  inputs.forEach((t) => (t.grad = null));
  const out = fn(...inputs);
  out.sum().backward();
  const analytic = inputs.map((t) => Float64Array.from(t.grad?.data ?? new Float64Array(t.data.length)));
  inputs.forEach((t, i) => (t.grad = saved[i]));
  const value = () => noGrad(() => fn(...inputs).sum().item());
  for (let i = 0; i < inputs.length; i++) {
    const d = inputs[i].data;
    for (let j = 0; j < d.length; j++) {
      const orig = d[j];
      d[j] = orig + eps;
      const plus = value();
      d[j] = orig - eps;
      const minus = value();
      d[j] = orig;
      const numeric = (plus - minus) / (2 * eps);
      const a = analytic[i][j];
      if (!(Math.abs(a - numeric) <= atol + rtol * Math.abs(numeric))) {
        if (raiseException) throw new Error(msg.gradcheckFail(i, j, a, numeric));
        return false;
      }
    }
  }
  return true;
}
