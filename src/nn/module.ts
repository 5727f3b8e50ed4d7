// Module and Parameter: modules find their parameters by walking their own fields (Parameters,
// Modules, arrays of them), with PyTorch's dotted names (`layers.0.weight`).
import { formatTensor } from "../format";
import { msg } from "../messages";
import { Tensor } from "../tensor";

/** A tensor that a Module registers as a learnable parameter (requiresGrad by default). */
export class Parameter extends Tensor {
  constructor(data: Tensor | Float64Array, shape?: readonly number[], requiresGrad = true) {
    const d = data instanceof Tensor ? data.data.slice() : data;
    super(d, shape ?? (data instanceof Tensor ? data.shape : [d.length]), null, requiresGrad);
  }
  override toString(): string {
    return "Parameter containing:\n" + formatTensor(this);
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
