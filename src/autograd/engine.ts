// The reverse pass: topological order, chain rule, accumulation into .grad (PyTorch's engine
// semantics). Visit marks are generation counters on the tensors, so no Set is built per call.
import type { Storage } from "../dtype";
import { allocLike, withScratch } from "../storage";
import { msg } from "../messages";
import type { Tensor } from "../tensor";
import { OpFn } from "./function";

let generation = 0;

/** Tensors reachable from root through gradFn edges, inputs before outputs. */
function topoOrder(root: Tensor): Tensor[] {
  const gen = ++generation;
  const order: Tensor[] = [];
  const stack: Tensor[] = [root];
  const childIndex: number[] = [0];
  root._visit = gen;
  while (stack.length > 0) {
    const t = stack[stack.length - 1];
    const inputs = t.gradFn === null ? [] : t.gradFn.inputs;
    const i = childIndex[childIndex.length - 1];
    if (i < inputs.length) {
      childIndex[childIndex.length - 1] = i + 1;
      const c = inputs[i];
      if (c.requiresGrad && c._visit !== gen) {
        c._visit = gen;
        stack.push(c);
        childIndex.push(0);
      }
    } else {
      stack.pop();
      childIndex.pop();
      order.push(t);
    }
  }
  return order;
}

function addInto(a: Storage, b: Storage): Storage {
  const out = allocLike(a);
  for (let i = 0; i < a.length; i++) out[i] = a[i] + b[i];
  return out;
}

/**
 * Runs backward from root with the given output gradient. When every node is one of gradlab's
 * own ops, the gradients flowing through the pass live in storage's scratch, reused by the next
 * pass: makeGrad must copy what it keeps.
 */
export function runBackward(root: Tensor, grad: Storage, retainGraph: boolean, makeGrad: (t: Tensor, g: Storage) => void): void {
  const order = topoOrder(root);
  const ownOpsOnly = order.every((t) => t.gradFn === null || t.gradFn instanceof OpFn);
  root._g = grad;
  try {
    if (ownOpsOnly) withScratch(() => propagate(order, retainGraph, makeGrad));
    else propagate(order, retainGraph, makeGrad);
  } finally {
    for (const t of order) t._g = null; // a failed pass must not leak partial gradients into the next
  }
}

function propagate(order: Tensor[], retainGraph: boolean, makeGrad: (t: Tensor, g: Storage) => void): void {
  for (let k = order.length - 1; k >= 0; k--) {
    const t = order[k];
    const g = t._g;
    const fn = t.gradFn;
    if (g === null) continue;
    if (fn === null || t._retainsGrad) makeGrad(t, g);
    if (fn === null) {
      t._g = null;
      continue;
    }
    if (fn.freed) throw new Error(msg.backwardTwice(fn.name));
    const grads = fn._backward(g);
    t._g = null;
    if (!retainGraph) fn.freed = true;
    const inputs = fn.inputs;
    for (let i = 0; i < inputs.length; i++) {
      const x = inputs[i];
      const gx = grads[i];
      if (!x.requiresGrad || gx === null || gx === undefined) continue;
      // Every gradient has its input's shape (as a flat array of its size) and dtype.
      if (gx.length !== x.data.length || gx.constructor !== x.data.constructor) throw new Error(msg.gradShape(fn.name, i, gx, x));
      x._g = x._g === null ? gx : addInto(x._g, gx);
    }
  }
}
