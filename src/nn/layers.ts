// Layers: Linear (PyTorch's default init), activations and Sequential.
import { checkDtype, getDefaultDtype, type DType } from "../dtype";
import { longLivedStorage } from "../kernels/resident";
import { msg } from "../messages";
import { linear } from "../ops/index";
import { Tensor } from "../tensor";
import { kaimingUniform_, uniform_ } from "./init";
import { Module, Parameter } from "./module";

/**
 * A fully connected layer, PyTorch's nn.Linear: y = x·Wᵀ + b, with weight [out, in] and bias [out],
 * both initialised as PyTorch does (uniform in ±1/√inFeatures), in the default dtype unless
 * `dtype` is given.
 * @example new nn.Linear(1, 512).forward(tensor([[0.5]])).shape // [1, 512]
 */
export class Linear extends Module {
  /** The weight, shape [outFeatures, inFeatures]. */
  weight: Parameter;
  /** The bias, shape [outFeatures], or null with `{ bias: false }`. */
  bias: Parameter | null;
  /**
   * A layer from `inFeatures` inputs to `outFeatures` outputs: y = x·Wᵀ + b, as PyTorch's nn.Linear.
   * @param inFeatures size of each input row (the last dimension of x)
   * @param outFeatures size of each output row
   * @param options `{ bias: false }` leaves out b; `{ dtype: "float32" }` stores the parameters in float32
   * @example const layer = new nn.Linear(2, 3); layer.weight.shape // [3, 2]
   */
  constructor(readonly inFeatures: number, readonly outFeatures: number, options: { bias?: boolean; dtype?: DType } = {}) {
    super();
    if (![inFeatures, outFeatures].every((v) => Number.isInteger(v) && v > 0)) throw new Error(msg.linearArgs(inFeatures, outFeatures));
    const dtype = options.dtype === undefined ? getDefaultDtype() : checkDtype("Linear", options.dtype);
    this.weight = new Parameter(longLivedStorage(dtype, outFeatures * inFeatures), [outFeatures, inFeatures]);
    kaimingUniform_(this.weight, { a: Math.sqrt(5) });
    this.bias = null;
    if (options.bias ?? true) {
      const bound = 1 / Math.sqrt(inFeatures);
      this.bias = new Parameter(longLivedStorage(dtype, outFeatures), [outFeatures]);
      uniform_(this.bias, -bound, bound);
    }
  }
  override forward(x: Tensor): Tensor { return linear(x, this.weight, this.bias); }
  override extraRepr(): string { return `inFeatures=${this.inFeatures}, outFeatures=${this.outFeatures}, bias=${this.bias !== null}`; }
}

/** max(x, 0). */
export class ReLU extends Module { override forward(x: Tensor): Tensor { return x.relu(); } }
/** tanh(x). */
export class Tanh extends Module { override forward(x: Tensor): Tensor { return x.tanh(); } }
/** 1 / (1 + e^-x). */
export class Sigmoid extends Module { override forward(x: Tensor): Tensor { return x.sigmoid(); } }
/** Passes its input through unchanged. */
export class Identity extends Module { override forward(x: Tensor): Tensor { return x; } }

/** Applies its modules in order; parameters are named by position (`0.weight`). */
export class Sequential extends Module {
  readonly layers: Module[];
  constructor(...layers: Module[]) {
    super();
    this.layers = layers;
  }
  override forward(x: Tensor): Tensor {
    let h = x;
    for (const layer of this.layers) h = layer.forward(h);
    return h;
  }
  /** Positions as names, as PyTorch's Sequential shows them; a shared parameter is listed once (so it is stepped once). */
  override namedParameters(prefix = ""): [string, Parameter][] {
    const seen = new Set<Parameter>();
    return this.layers
      .flatMap((m, i) => m.namedParameters(prefix ? `${prefix}.${i}` : `${i}`))
      .filter(([, p]) => !seen.has(p) && seen.add(p) !== undefined);
  }
  override namedChildren(): [string, Module][] { return this.layers.map((m, i) => [`${i}`, m]); }
  /** The i-th module. */
  at(i: number): Module { return this.layers[i < 0 ? i + this.layers.length : i]; }
  get length(): number { return this.layers.length; }
}
