// ∂root/∂t for every tensor of a graph, by our own reverse pass over the recorded Fn nodes, so
// the graph can show gradients of intermediates without retainGrad (Fn._backward stays usable
// after the engine's pass: it only sets a `freed` flag).
import type { Storage } from "../dtype";
import type { Tensor } from "../tensor";
import type { GraphModel } from "./graph-model";

function topo(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const seen = new Set<Tensor>();
  const visit = (t: Tensor) => {
    seen.add(t);
    for (const i of t.gradFn?.inputs ?? []) if (i.requiresGrad && !seen.has(i)) visit(i);
    order.push(t);
  };
  visit(root);
  return order;
}

/**
 * Gradients of order's last tensor (seeded with `seed`) with respect to every tensor reached,
 * walking `order` (inputs before outputs) backwards through each Fn's own backward; inputs for
 * which `follow` is false get nothing.
 */
export function reversePass(order: readonly Tensor[], seed: Storage, follow: (input: Tensor) => boolean): Map<Tensor, Storage> {
  const g = new Map<Tensor, Storage>([[order[order.length - 1], seed]]);
  for (let k = order.length - 1; k >= 0; k--) {
    const t = order[k];
    const gt = g.get(t);
    if (gt === undefined || t.gradFn === null) continue;
    const grads = t.gradFn._backward(gt);
    t.gradFn.inputs.forEach((i, n) => {
      const gi = grads[n];
      if (!follow(i) || gi === null || gi === undefined) return;
      const prev = g.get(i);
      if (prev === undefined) g.set(i, gi);
      else {
        const sum = prev.slice();
        for (let j = 0; j < sum.length; j++) sum[j] += gi[j];
        g.set(i, sum);
      }
    });
  }
  return g;
}

/** Fills node.grad with ∂root/∂node (the root's seed is all ones, as for a sum). */
export function fillGrads(model: GraphModel): void {
  const root = model.root.top;
  const g = reversePass(topo(root), root.data.slice().fill(1), (i) => i.requiresGrad);
  for (const node of model.nodes) node.grad = g.get(node.top) ?? null;
}

/** True once backward() has run on this graph (a leaf holds a grad, or the root is freed). */
export function backwardRan(model: GraphModel): boolean {
  return model.root.top.gradFn?.freed === true || model.nodes.some((n) => n.kind === "input" && n.top.grad !== null);
}
