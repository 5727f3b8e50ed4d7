// PyTorch's custom-function pattern for students: forward and backward written with tensor ops,
// saved tensors on the node, `MyFn.apply(x)` to use it. The engine sees an ordinary node.
import { convert, dtypeOf, type Storage } from "../dtype";
import { msg } from "../messages";
import { sameShape } from "../shape";
import { Tensor } from "../tensor";
import { Fn, noGrad } from "./function";

/**
 * A differentiable function defined by its forward and backward (torch.autograd.Function).
 * Inside both, no graph is recorded. backward gets the output's gradient and returns one gradient
 * per tensor argument of forward (null where none is needed), each of that argument's shape; a
 * gradient of another dtype is converted to the argument's, as PyTorch does.
 * @example
 * class Cube extends autograd.Function {
 *   forward(x: Tensor) { this.saveForBackward(x); return x.pow(3); }
 *   backward(g: Tensor) { const [x] = this.savedTensors; return [g.mul(x.pow(2)).mul(3)]; }
 * }
 * Cube.apply(tensor([2], { requiresGrad: true })).item() // 8
 */
export abstract class Function extends Fn {
  /** The tensors forward kept with saveForBackward (PyTorch's ctx.saved_tensors). */
  savedTensors: Tensor[] = [];

  /** The class name, shown as `<NameBackward>`. */
  get name(): string {
    return this.constructor.name;
  }

  /** `<CubeBackward>`: PyTorch names a custom Function's node without the overload number of its own ops. */
  override toString(): string {
    return `<${this.name}Backward>`;
  }

  /** Keeps tensors for backward (PyTorch's ctx.save_for_backward). */
  saveForBackward(...tensors: Tensor[]): void {
    this.savedTensors = tensors;
  }

  abstract override forward(...args: never[]): Tensor;
  /** Gradients of the tensor arguments from the gradient of the result. */
  abstract backward(grad: Tensor): Tensor | null | (Tensor | null)[];

  /** @internal */
  _backward(g: Storage): (Storage | null)[] {
    const returned = noGrad(() => this.backward(new Tensor(g, this.outShape)));
    const grads = Array.isArray(returned) ? returned : [returned];
    if (grads.length !== this.inputs.length) throw new Error(msg.customGradCount(this.name, this.inputs.length, grads.length));
    return grads.map((gt, i) => {
      if (gt === null || gt === undefined) return null;
      const x = this.inputs[i];
      if (!(gt instanceof Tensor) || !sameShape(gt.shape, x.shape)) throw new Error(msg.customGradShape(this.name, i, gt, x.shape));
      return gt.dtype === x.dtype ? gt.data : convert(gt.data, dtypeOf(x.data));
    });
  }
}
