// The node of the computational graph: what made a tensor and how to send a gradient back
// through it (PyTorch's autograd.Function: `Fn.apply(...)` runs forward and records the node;
// micrograd's _backward). Every op enters the graph through apply, so recording, the inputs'
// shapes and dtypes, and the no-grad rule live here once.
import type { Storage } from "../dtype";
import { msg } from "../messages";
import { gradMode } from "./grad-mode";
import type { Shape } from "../shape";
import { Tensor } from "../tensor";

export { isGradEnabled, noGrad } from "./grad-mode";

const NO_INPUTS: readonly Tensor[] = [];

/** Arguments of an op: its tensor inputs and any settings (numbers, shapes, null for a missing bias). */
type Arg = Tensor | number | string | boolean | null | undefined | readonly unknown[] | ArrayLike<number> | object;

/**
 * A recorded op. A subclass implements `forward` (any arguments; the tensors among them are the
 * node's inputs, in order) and a backward that maps the output's gradient to one gradient per
 * input (null where none is needed); `apply` runs forward without recording, then records the
 * node on the result when an input requires grad.
 */
export abstract class Fn {
  /** Op name shown in `gradFn`, graphs and errors, e.g. "mul". */
  abstract readonly name: string;
  /** Set once a backward pass without retainGraph went through this node. */
  freed = false;
  /** The tensor arguments of forward, in order; empty until apply records the node. */
  inputs: readonly Tensor[] = NO_INPUTS;
  /** The result's shape, recorded by apply (the shape of the gradient backward receives). */
  outShape: Shape = NO_INPUTS as never;

  /** Computes the result from the arguments; no graph is recorded in here. */
  abstract forward(...args: never[]): Tensor;
  /** @internal The engine's entry: gradients of the inputs (as values) from the output's gradient. */
  abstract _backward(grad: Storage): readonly (Storage | null | undefined)[];

  /** Whether input i requires a gradient (PyTorch's ctx.needs_input_grad[i]). */
  needsInputGrad(i: number): boolean {
    return this.inputs[i]?.requiresGrad ?? false;
  }

  /**
   * Runs the op: `MyFn.apply(x, y)` (PyTorch's Function.apply). The result records a new node as
   * its gradFn when grad is enabled and a tensor argument requires grad.
   */
  static apply<F extends Fn>(this: new () => F, ...args: Parameters<F["forward"]>): Tensor {
    const fn = new this();
    const prev = gradMode.enabled;
    let track = false;
    if (prev) for (const a of args as Arg[]) if (a instanceof Tensor && a.requiresGrad) track = true;
    if (track) fn.inputs = (args as Arg[]).filter((a): a is Tensor => a instanceof Tensor);
    gradMode.enabled = false;
    let out: Tensor;
    try {
      out = fn.forward(...(args as never[]));
    } finally {
      gradMode.enabled = prev;
    }
    if (!(out instanceof Tensor)) throw new Error(msg.forwardNotTensor(fn.name));
    if (track) {
      fn.outShape = out.shape;
      out._record(fn);
    }
    return out;
  }

  /**
   * The nodes behind this node's inputs, as PyTorch's `next_functions`: one [node, 0] pair per
   * input — its gradFn, an AccumulateGrad for a leaf that requires grad, null for one that does not.
   * @example tanh(tensor(1, { requiresGrad: true }).mul(2)).gradFn!.nextFunctions[0][0]!.toString() // "<MulBackward0>"
   */
  get nextFunctions(): readonly (readonly [Fn | AccumulateGrad | null, number])[] {
    return this.inputs.map((t) => [t.gradFn ?? (t.requiresGrad ? accumulateGradOf(t) : null), 0] as const);
  }

  /** PyTorch's name for the node, e.g. <MulBackward0> (the 0 numbers the op's overload there). */
  toString(): string {
    return `<${this.name[0].toUpperCase()}${this.name.slice(1)}Backward0>`;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

/** The end of a gradient's path, as in PyTorch: backward adds the gradient into `variable.grad`. */
export class AccumulateGrad {
  readonly nextFunctions: readonly [] = [];
  constructor(readonly variable: Tensor) {}
  toString(): string {
    return "<AccumulateGrad>";
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

// One node per leaf, so `a === b` holds for two paths into the same parameter (as in PyTorch).
const accumulators = new WeakMap<Tensor, AccumulateGrad>();

function accumulateGradOf(t: Tensor): AccumulateGrad {
  let node = accumulators.get(t);
  if (node === undefined) accumulators.set(t, (node = new AccumulateGrad(t)));
  return node;
}

const needs = (a: unknown): boolean => a instanceof Tensor && a.requiresGrad;

function tensorsOf(a: unknown, b: unknown, c: unknown): Tensor[] {
  const out: Tensor[] = [];
  if (a instanceof Tensor) out.push(a);
  if (b instanceof Tensor) out.push(b);
  if (c instanceof Tensor) out.push(c);
  return out;
}

/**
 * gradlab's own ops: backward works on values, and keeps neither `grad` nor what it returns, so
 * the engine runs a pass through them alone in reused scratch memory (src/storage.ts). Their
 * forward takes at most three arguments and calls no other op, so their apply is Fn.apply without
 * the rest array and the no-grad switch (W1, ~250 ops per step: 0.21 → 0.13 ms per step).
 */
export abstract class OpFn extends Fn {
  static override apply<F extends Fn>(this: new () => F, ...args: Parameters<F["forward"]>): Tensor;
  static override apply(this: new () => OpFn, a?: unknown, b?: unknown, c?: unknown): Tensor {
    const fn = new this();
    const out = (fn as unknown as { forward(a: unknown, b: unknown, c: unknown): Tensor }).forward(a, b, c);
    if (gradMode.enabled && (needs(a) || needs(b) || needs(c))) {
      fn.inputs = tensorsOf(a, b, c);
      fn.outShape = out.shape;
      out._record(fn);
    }
    return out;
  }

  /** Gradients of the inputs from the output's gradient g (which it must not change). */
  abstract backward(g: Storage): (Storage | null)[];
  _backward(g: Storage): (Storage | null)[] {
    return this.backward(g);
  }
}
