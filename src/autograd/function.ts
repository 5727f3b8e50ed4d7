// The node of the computational graph: what made a tensor and how to send a gradient back
// through it (PyTorch's autograd.Function with ctx.save_for_backward; micrograd's _backward).
import { msg } from "../messages";
import type { Tensor } from "../tensor";

let gradEnabled = true;

/** Whether ops record the graph now (false inside noGrad). */
export function isGradEnabled(): boolean {
  return gradEnabled;
}

/** Runs fn without recording the graph, like `with torch.no_grad():`. */
export function noGrad<T>(fn: () => T): T {
  const prev = gradEnabled;
  gradEnabled = false;
  try {
    const result = fn();
    // After an await the flag is already restored, so the async part would silently record a graph.
    if (result instanceof Promise) throw new Error(msg.noGradAsync());
    return result;
  } finally {
    gradEnabled = prev;
  }
}

/** True when an op on these inputs must record a graph node. */
export function needsGrad(a: Tensor, b?: Tensor): boolean {
  return gradEnabled && (a.requiresGrad || (b !== undefined && b.requiresGrad));
}

/**
 * A recorded op. Subclasses keep what backward needs as fields and implement
 * `backward`, which maps the output's gradient to one gradient per input
 * (null where the input does not require grad). It must not mutate `grad`.
 */
export abstract class Fn {
  /** Op name shown in `gradFn`, graphs and errors, e.g. "mul". */
  abstract readonly name: string;
  /** Set once a backward pass without retainGraph went through this node. */
  freed = false;
  constructor(readonly inputs: readonly Tensor[]) {}
  abstract backward(grad: Float64Array): (Float64Array | null)[];
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

/**
 * gradlab's own ops. Their backward keeps neither `grad` nor what it returns, so the engine runs a
 * pass through them alone in reused scratch memory (src/storage.ts); a user's Fn may keep both.
 */
export abstract class OpFn extends Fn {}
