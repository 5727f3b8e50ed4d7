// nn.init: in-place initialisers with PyTorch's formulas, drawing from the seeded generator.
import { noGrad } from "../autograd/function";
import { msg } from "../messages";
import { nextNormal, nextUniform } from "../random";
import type { Tensor } from "../tensor";

/** Fan in and fan out as PyTorch computes them ([out, in, ...receptive field]). */
export function calculateFanInAndFanOut(t: Tensor, fn = "nn.init"): [number, number] {
  if (t.shape.length < 2) throw new Error(msg.initFan(fn, t.shape));
  const receptive = t.shape.slice(2).reduce((a, b) => a * b, 1);
  return [t.shape[1] * receptive, t.shape[0] * receptive];
}

/** Recommended gain for a nonlinearity (PyTorch's calculate_gain). */
export function calculateGain(nonlinearity: string, param = 0.01): number {
  switch (nonlinearity) {
    case "linear": case "sigmoid": case "conv1d": case "conv2d": case "conv3d": return 1;
    case "tanh": return 5 / 3;
    case "relu": return Math.SQRT2;
    case "leaky_relu": return Math.sqrt(2 / (1 + param * param));
    default: throw new Error(msg.initNonlinearity(nonlinearity));
  }
}

function fill(t: Tensor, sample: () => number): Tensor {
  noGrad(() => { const d = t.data; for (let i = 0; i < d.length; i++) d[i] = sample(); });
  return t;
}

/** Fills with U(a, b). */
export const uniform_ = (t: Tensor, a = 0, b = 1): Tensor => fill(t, () => a + (b - a) * nextUniform());
/** Fills with N(mean, std²). */
export const normal_ = (t: Tensor, mean = 0, std = 1): Tensor => fill(t, () => mean + std * nextNormal());
/** Fills with one value. */
export const constant_ = (t: Tensor, value: number): Tensor => fill(t, () => value);
export const zeros_ = (t: Tensor): Tensor => constant_(t, 0);
export const ones_ = (t: Tensor): Tensor => constant_(t, 1);

/** Options of the Kaiming initialisers. */
export interface KaimingOptions { a?: number; mode?: "fanIn" | "fanOut"; nonlinearity?: string }

function kaimingStd(t: Tensor, fn: string, { a = 0, mode = "fanIn", nonlinearity = "leaky_relu" }: KaimingOptions): number {
  const [fanIn, fanOut] = calculateFanInAndFanOut(t, fn);
  return calculateGain(nonlinearity, a) / Math.sqrt(mode === "fanIn" ? fanIn : fanOut);
}

/** He uniform: U(-b, b) with b = gain·√(3 / fan). */
export const kaimingUniform_ = (t: Tensor, options: KaimingOptions = {}): Tensor => {
  const bound = Math.sqrt(3) * kaimingStd(t, "kaimingUniform_", options);
  return uniform_(t, -bound, bound);
};
/** He normal: N(0, gain² / fan). */
export const kaimingNormal_ = (t: Tensor, options: KaimingOptions = {}): Tensor => normal_(t, 0, kaimingStd(t, "kaimingNormal_", options));

/** Glorot uniform: U(-b, b) with b = gain·√(6 / (fanIn + fanOut)). */
export const xavierUniform_ = (t: Tensor, gain = 1): Tensor => {
  const [fi, fo] = calculateFanInAndFanOut(t, "xavierUniform_");
  const bound = gain * Math.sqrt(6 / (fi + fo));
  return uniform_(t, -bound, bound);
};
/** Glorot normal: N(0, gain² · 2 / (fanIn + fanOut)). */
export const xavierNormal_ = (t: Tensor, gain = 1): Tensor => {
  const [fi, fo] = calculateFanInAndFanOut(t, "xavierNormal_");
  return normal_(t, 0, gain * Math.sqrt(2 / (fi + fo)));
};
