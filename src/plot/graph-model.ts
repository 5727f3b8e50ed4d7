// The computational graph as the slides draw it: PyTorch-level nodes (expand, neg, reciprocal,
// constants) are folded into readable ones (a − b, a / b, ln(d + 1)); each node keeps its
// local partials w.r.t. its inputs and, on request, ∂root/∂node from a reverse pass.
import { convert, type Storage } from "../dtype";
import { Tensor } from "../tensor";
import { describe, plotMsg } from "./messages";
import { reversePass } from "./graph-grads";

/** One drawn node: a leaf, a data tensor, or a group of ops shown as one formula. */
export interface GraphNode {
  id: number;
  top: Tensor;
  kind: "input" | "data" | "op";
  name: string;
  formula: string;
  inputs: GraphNode[];
  /** ∂node/∂inputs[i] (scalar graphs only). */
  partials: (number | null)[];
  grad: Storage | null;
}

/** The folded graph, nodes in topological order (root last). */
export interface GraphModel {
  nodes: GraphNode[];
  root: GraphNode;
  /** Every tensor holds one number: values and partials are shown, else shapes. */
  scalar: boolean;
}

const LAYER_OPS = new Set(["linear", "matmul", "tanh", "relu", "sigmoid", "logSoftmax"]);
const FUNCS: Record<string, string> = { log: "ln", sin: "sin", cos: "cos", exp: "exp", tanh: "tanh", relu: "relu", sigmoid: "σ", abs: "abs" };

/** Formats a number for the graph: 4 significant digits, no trailing zeros. */
export const fmt = (v: number): string => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)))).replace("-", "−");

function reachable(root: Tensor): { all: Tensor[]; uses: Map<Tensor, number> } {
  const uses = new Map<Tensor, number>();
  const seen = new Set<Tensor>([root]);
  const stack = [root];
  while (stack.length > 0) {
    const t = stack.pop() as Tensor;
    for (const i of t.gradFn?.inputs ?? []) {
      uses.set(i, (uses.get(i) ?? 0) + 1);
      if (!seen.has(i)) { seen.add(i); stack.push(i); }
    }
  }
  return { all: [...seen], uses };
}

/** Builds the folded graph of `root`; `names` labels tensors (e.g. a model's parameters). */
export function buildGraph(root: unknown, names: ReadonlyMap<Tensor, string>): GraphModel {
  if (!(root instanceof Tensor)) throw new Error(plotMsg.graphRoot(describe(root)));
  if (root.gradFn === null) throw new Error(plotMsg.graphLeaf());
  const { all, uses } = reachable(root);
  const scalar = all.every((t) => t.data.length === 1);
  const labelOf = (t: Tensor) => t.name ?? names.get(t);
  const isConst = (t: Tensor) => t.gradFn === null && !t.requiresGrad && labelOf(t) === undefined && t.data.length > 0 && t.data.every((v) => v === t.data[0]) && (scalar || t.data.length === 1);
  const absorbable = (t: Tensor, consumer: string): boolean => {
    const fn = t.gradFn;
    if (fn === null || (uses.get(t) ?? 0) > 1 || labelOf(t) !== undefined) return false;
    if (fn.name === "expand" || fn.name === "reshape") return true;
    if ((fn.name === "neg" && consumer === "add") || (fn.name === "reciprocal" && consumer === "mul")) return true;
    if (scalar) return consumer in FUNCS && (fn.name === "add" || fn.name === "mul") && fn.inputs.some(isConst);
    return !LAYER_OPS.has(fn.name);
  };
  const nodes = new Map<Tensor, GraphNode>();
  const order: GraphNode[] = [];
  let letter = 0;
  const used = new Set(all.map(labelOf).filter((n): n is string => n !== undefined));
  const nextLetter = (): string => {
    for (;;) {
      const s = letter < 26 ? String.fromCharCode(97 + letter) : `v${letter - 25}`;
      letter++;
      if (!used.has(s)) return s;
    }
  };
  let leafCount = 0;
  const visit = (t: Tensor): GraphNode => {
    const known = nodes.get(t);
    if (known !== undefined) return known;
    let node: GraphNode;
    if (t.gradFn === null) {
      const name = labelOf(t) ?? (t.requiresGrad ? (scalar ? `leaf${++leafCount}` : "param") : "data");
      node = { id: order.length, top: t, kind: t.requiresGrad ? "input" : "data", name, formula: "", inputs: [], partials: [], grad: null };
    } else {
      const internal: Tensor[] = [];
      const external: Tensor[] = [];
      const collect = (u: Tensor) => {
        for (const i of u.gradFn?.inputs ?? []) {
          if (isConst(i)) continue;
          if (absorbable(i, (u.gradFn as { name: string }).name)) collect(i);
          else if (!external.includes(i)) external.push(i);
        }
        internal.push(u);
      };
      collect(t);
      const inputs = external.map(visit);
      const group = new Set(internal);
      const nameOf = (u: Tensor) => nodes.get(u)?.name ?? fmt(u.data[0]);
      const formula = exprOf(t, group, isConst, nameOf).s;
      const name = labelOf(t) ?? (scalar ? nextLetter() : internal.length > 2 && t === root ? "loss" : (t.gradFn.name));
      node = { id: order.length, top: t, kind: "op", name, formula, inputs, partials: scalar ? localPartials(internal, external) : inputs.map(() => null), grad: null };
    }
    nodes.set(t, node);
    order.push(node);
    return node;
  };
  const rootNode = visit(root);
  // Unlabelled data feeding the loss is the target; other data is the input.
  for (const n of order) if (n.kind === "data" && n.name === "data") n.name = rootNode.inputs.includes(n) && !scalar ? "target" : "input";
  return { nodes: order, root: rootNode, scalar };
}

/** ∂top/∂e for each external input e: a reverse pass confined to the group. */
function localPartials(internal: Tensor[], external: Tensor[]): (number | null)[] {
  const g = reversePass(internal, convert([1], internal[internal.length - 1].dtype), () => true);
  return external.map((e) => {
    const ge = g.get(e);
    if (ge === undefined) return null;
    let s = 0;
    for (let i = 0; i < ge.length; i++) s += ge[i];
    return s;
  });
}

interface Expr { s: string; atom: boolean }
const wrap = (e: Expr) => (e.atom ? e.s : `(${e.s})`);

/** The group's formula with external inputs by name and constants by value. */
function exprOf(t: Tensor, group: Set<Tensor>, isConst: (t: Tensor) => boolean, nameOf: (t: Tensor) => string): Expr {
  if (isConst(t) || !group.has(t) || t.gradFn === null) return { s: isConst(t) ? fmt(t.data[0]) : nameOf(t), atom: true };
  const fn = t.gradFn;
  const [a, b] = fn.inputs;
  const sub = (u: Tensor) => exprOf(u, group, isConst, nameOf);
  const inner = (u: Tensor) => (group.has(u) && u.gradFn !== null ? u.gradFn.inputs[0] : undefined);
  switch (fn.name) {
    case "add": {
      const n = inner(b);
      if (n !== undefined && b.gradFn?.name === "neg") return { s: `${sub(a).s} − ${wrap(sub(n))}`, atom: false };
      const [p, q] = isConst(a) ? [b, a] : [a, b];
      return { s: `${sub(p).s} + ${sub(q).s}`, atom: false };
    }
    case "mul": {
      const n = inner(b);
      if (n !== undefined && b.gradFn?.name === "reciprocal") return { s: `${wrap(sub(a))} / ${wrap(sub(n))}`, atom: false };
      if (isConst(b) && a.gradFn?.name === "sum" && group.has(a) && Math.abs(b.data[0] * a.gradFn.inputs[0].data.length - 1) < 1e-12) return { s: `mean(${sub(a.gradFn.inputs[0]).s})`, atom: true };
      const [p, q] = isConst(b) ? [b, a] : [a, b];
      return { s: `${wrap(sub(p))}·${wrap(sub(q))}`, atom: false };
    }
    case "neg": return { s: `−${wrap(sub(a))}`, atom: false };
    case "reciprocal": return { s: `1 / ${wrap(sub(a))}`, atom: false };
    case "expand": case "reshape": return sub(a);
    case "sum": return { s: `Σ${wrap(sub(a))}`, atom: false };
    case "pow": {
      const p = Reflect.get(fn, "p");
      return { s: `${wrap(sub(a))}${p === 2 ? "²" : `^${typeof p === "number" ? fmt(p) : "p"}`}`, atom: true };
    }
    default: return { s: `${FUNCS[fn.name] ?? fn.name}(${fn.inputs.map((i) => sub(i).s).join(", ")})`, atom: true };
  }
}
