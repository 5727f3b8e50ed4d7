// Module and Parameter: modules find their parameters by walking their own fields (Parameters,
// Modules, arrays of them), with PyTorch's dotted names (`layers.0.weight`).
import { checkDtype, convert, copyOf, dtypeOf, type DType, type Storage } from "../dtype";
import { formatTensor } from "../format";
import { longLivedCopy } from "../kernels/resident";
import { msg } from "../messages";
import { Tensor } from "../tensor";

/** A tensor that a Module registers as a learnable parameter (requiresGrad by default). */
export class Parameter extends Tensor {
  constructor(data: Tensor | Storage, shape?: readonly number[], requiresGrad = true) {
    const d = data instanceof Tensor ? copyOf(data.data) : data;
    super(d, shape ?? (data instanceof Tensor ? data.shape : [d.length]), null, requiresGrad);
  }
  override toString(): string {
    return "Parameter containing:\n" + formatTensor(this);
  }
  /** @internal Module.to: the same parameter (optimizers keep holding it) with values and .grad in another dtype. */
  _convert(dtype: DType): void {
    if (dtypeOf(this.data) === dtype) return;
    (this as { data: Storage }).data = longLivedCopy(this.data, dtype);
    if (this.grad !== null) this.grad = new Tensor(convert(this.grad.data, dtype), this.grad.shape);
  }
}

/** Base class of layers and models; subclasses implement forward(). */
export abstract class Module {
  /** False after eval(); kept for PyTorch familiarity (no layer here behaves differently). */
  training = true;

  /** The computation; this is what students call: `model.forward(x)`. */
  forward(..._inputs: Tensor[]): Tensor {
    throw new Error(msg.moduleForward(this.constructor.name));
  }

  /** [name, parameter] pairs, depth first in field order, each parameter once. */
  namedParameters(prefix = ""): [string, Parameter][] {
    const out: [string, Parameter][] = [];
    const seen = new Set<unknown>();
    const visit = (value: unknown, name: string): void => {
      if (value instanceof Parameter) {
        if (!seen.has(value)) { seen.add(value); out.push([name, value]); }
      } else if (value instanceof Module) {
        if (seen.has(value)) return;
        seen.add(value);
        if (value !== this) { out.push(...value.namedParameters(name).filter(([, p]) => !seen.has(p) && seen.add(p))); return; }
        for (const [k, v] of Object.entries(value)) visit(v, name ? `${name}.${k}` : k);
      } else if (Array.isArray(value)) {
        value.forEach((v, i) => visit(v, `${name}.${i}`));
      }
    };
    visit(this, prefix);
    return out;
  }

  /** All parameters, for an optimizer: `new optim.SGD(model.parameters(), { lr })`. */
  parameters(): Parameter[] {
    return this.namedParameters().map(([, p]) => p);
  }

  /** Direct sub-modules with their field names. */
  namedChildren(): [string, Module][] {
    const out: [string, Module][] = [];
    for (const [k, v] of Object.entries(this)) {
      if (v instanceof Module) out.push([k, v]);
      else if (Array.isArray(v)) v.forEach((m, i) => m instanceof Module && out.push([`${k}.${i}`, m]));
    }
    return out;
  }

  /** Sets every parameter's gradient to null (PyTorch's zero_grad(set_to_none=True)). */
  zeroGrad(): void {
    for (const p of this.parameters()) p.grad = null;
  }

  /**
   * Converts every parameter (and its .grad) to the dtype in place, as PyTorch's module.to(dtype):
   * the Parameter objects stay the same, so an optimizer made before keeps working, and its state
   * follows at the next step.
   */
  to(dtype: DType): this {
    checkDtype("Module.to", dtype);
    for (const p of this.parameters()) p._convert(dtype);
    return this;
  }
  /** Parameters in float32 (PyTorch's module.float()). */
  float(): this { return this.to("float32"); }
  /** Parameters in float64 (PyTorch's module.double()). */
  double(): this { return this.to("float64"); }

  train(mode = true): this {
    this.training = mode;
    for (const [, m] of this.namedChildren()) m.train(mode);
    return this;
  }
  eval(): this { return this.train(false); }

  /** The part inside the parentheses of toString(), e.g. "inFeatures=1, outFeatures=512, bias=true". */
  extraRepr(): string { return ""; }

  /** PyTorch's module tree: `Sequential(\n  (0): Linear(...)\n)`. */
  toString(): string {
    const children = this.namedChildren();
    const name = this.constructor.name;
    if (children.length === 0) return `${name}(${this.extraRepr()})`;
    const lines = children.map(([k, m]) => `  (${k}): ` + m.toString().split("\n").join("\n  "));
    const extra = this.extraRepr();
    return `${name}(\n${extra ? `  ${extra}\n` : ""}${lines.join("\n")}\n)`;
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string { return this.toString(); }
  [Symbol.for("Jupyter.display")](): Record<string, string> { return { "text/plain": this.toString() }; }
}
