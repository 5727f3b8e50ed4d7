// plot.graph: the computational graph behind a tensor, drawn as on the lecture slides — boxes
// with the formula and forward value, edges labelled with local partials, and ∂root/∂node in
// red once backward() has run. Non-scalar graphs (an MLP loss) show layers with shapes.
import type { Tensor } from "../tensor";
import { backwardRan, fillGrads } from "./graph-grads";
import { layout, type Placed } from "./graph-layout";
import { buildGraph, fmt, type GraphNode } from "./graph-model";
import { plotMsg } from "./messages";
import { type Chart, finish } from "./spec";

/** Options of graph. */
export interface GraphOptions {
  title?: string;
  /** Labels for tensors, e.g. `model.namedParameters()` or `[["w", w]]`. */
  names?: Iterable<readonly [string, Tensor]> | { namedParameters(): [string, Tensor][] };
  /** Show ∂root/∂node (default: once backward() has run). */
  grads?: boolean;
  /** Refuse graphs with more nodes than this after folding (default 40). */
  maxNodes?: number;
  /** "right" (inputs on the left) or "down" (inputs on top); by default right when it fits in maxWidth. */
  direction?: "right" | "down";
  /** The widest drawing "right" may make before the default turns "down" (default 900 px, a notebook's width). */
  maxWidth?: number;
}

const BOX = { w: 150, h: 62 };
const STYLE = {
  input: { fill: "#dbe9f6", stroke: "#4c78a8" },
  data: { fill: "#eeeeee", stroke: "#888888" },
  op: { fill: "#fff4d6", stroke: "#e0a100" },
  root: { fill: "#e3f4e1", stroke: "#54a24b" },
};

const clipText = (s: string, n = 24) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const shapeText = (t: Tensor) => `[${t.shape.join(", ")}]`;
const norm = (g: ArrayLike<number>) => Math.sqrt(Array.from(g).reduce((s, v) => s + v * v, 0));

function nodeRows(placed: Placed[], rootName: string, scalar: boolean, showGrads: boolean, root: GraphNode): object[] {
  return placed.map(({ node: n, x, y }) => {
    const style = n === root ? STYLE.root : STYLE[n.kind];
    const title = n.kind === "op" && scalar ? `${n.name} = ${n.formula}` : n.name;
    const value = scalar || n.top.shape.length === 0 ? `value ${fmt(n.top.data[0])}` : shapeText(n.top);
    let grad = "";
    if (showGrads && n.grad !== null) grad = scalar ? `∂${rootName}/∂${n.name} = ${fmt(n.grad[0])}` : `‖∂${rootName}/∂·‖ = ${fmt(norm(n.grad))}`;
    return { id: n.id, x0: x - BOX.w / 2, x1: x + BOX.w / 2, y0: y - BOX.h / 2, y1: y + BOX.h / 2, cx: x, cy: y, title: clipText(title), formula: n.formula, value, grad, ...style };
  });
}

function edgeRows(placed: Placed[], scalar: boolean, down: boolean): object[] {
  const at = new Map(placed.map((p) => [p.node, p]));
  return placed.flatMap(({ node: n, x, y }) => n.inputs.map((inp, k) => {
    const src = at.get(inp) as Placed;
    const spread = (k - (n.inputs.length - 1) / 2) * 16;
    const [x1, y1, x2, y2] = down
      ? [src.x, src.y + BOX.h / 2, x + spread * 2, y - BOX.h / 2 - 2]
      : [src.x + BOX.w / 2, src.y, x - BOX.w / 2 - 2, y + spread];
    const partial = n.partials[k];
    const label = scalar && partial !== null ? `∂${n.name}/∂${inp.name} = ${fmt(partial)}` : "";
    return { x1, y1, x2, y2, lx: (x1 + x2) / 2 + (down ? 4 : 0), ly: (y1 + y2) / 2 - 3, angle: (Math.atan2(y2 - y1, x2 - x1) * 180) / Math.PI, label };
  }));
}

function transposed(l: ReturnType<typeof layout>): ReturnType<typeof layout> {
  return { placed: l.placed.map((p) => ({ ...p, x: p.y, y: p.x })), width: l.height, height: l.width };
}

function namesOf(o: GraphOptions): Map<Tensor, string> {
  const src = o.names === undefined ? [] : "namedParameters" in o.names ? o.names.namedParameters() : o.names;
  return new Map([...src].map(([name, t]) => [t, name]));
}

/**
 * The computational graph that produced `t`, with values, local partials and (after backward) gradients.
 * @example f.backward(); plot.graph(f)
 */
export function graph(t: Tensor, options: GraphOptions = {}): Chart {
  const model = buildGraph(t, namesOf(options));
  const max = options.maxNodes ?? 40;
  if (model.nodes.length > max) throw new Error(plotMsg.graphTooBig(model.nodes.length, max));
  const showGrads = options.grads ?? backwardRan(model);
  if (showGrads) fillGrads(model);
  const across = layout(model.nodes, BOX.w + (model.scalar ? 100 : 50), BOX.h + 26);
  const margin = 12;
  const down = options.direction === undefined ? across.width + BOX.w + 2 * margin > (options.maxWidth ?? 900) : options.direction === "down";
  // Top to bottom: levels become rows and the nodes of a level sit side by side.
  const { placed, width, height } = down ? transposed(layout(model.nodes, BOX.h + 56, BOX.w + 40)) : across;
  for (const p of placed) { p.x += BOX.w / 2 + margin; p.y += BOX.h / 2 + margin; }
  const nodes = nodeRows(placed, model.root.name, model.scalar, showGrads, model.root);
  const edges = edgeRows(placed, model.scalar, down);
  const px = (field: string) => ({ field, type: "quantitative", scale: null, axis: null });
  const text = (field: string, dy: number, extra: object) => ({
    data: { values: nodes }, mark: { type: "text", dy, fontSize: 12, ...extra }, encoding: { x: px("cx"), y: px("cy"), text: { field } },
  });
  const subtitle = model.scalar
    ? `edges: local partial derivatives${showGrads ? `; red: ∂${model.root.name}/∂node` : "; call backward() to see gradients"}`
    : `layers with output shapes${showGrads ? `; red: gradient norms` : ""}`;
  return finish({
    description: `graph, ${model.nodes.length} nodes${showGrads ? ", with gradients" : ""}`,
    title: { text: options.title ?? "Computational graph", subtitle },
    width: width + BOX.w + 2 * margin,
    height: height + BOX.h + 2 * margin,
    view: { stroke: null },
    layer: [
      { data: { values: edges }, mark: { type: "rule", color: "#555555", strokeWidth: 1.4 }, encoding: { x: px("x1"), y: px("y1"), x2: { field: "x2" }, y2: { field: "y2" } } },
      { data: { values: edges }, mark: { type: "point", shape: "triangle-right", filled: true, size: 60, color: "#555555", opacity: 1 }, encoding: { x: px("x2"), y: px("y2"), angle: { field: "angle", type: "quantitative", scale: null } } },
      {
        data: { values: nodes },
        mark: { type: "rect", cornerRadius: 8, strokeWidth: 1.5 },
        encoding: { x: px("x0"), x2: { field: "x1" }, y: px("y0"), y2: { field: "y1" }, fill: { field: "fill", type: "nominal", scale: null }, stroke: { field: "stroke", type: "nominal", scale: null }, tooltip: [{ field: "title" }, { field: "formula" }, { field: "value" }, { field: "grad" }] },
      },
      text("title", -16, { fontWeight: "bold", fontSize: 13 }),
      text("value", 2, { color: "#333333" }),
      text("grad", 19, { color: "#c0392b" }),
      { data: { values: edges }, mark: { type: "text", fontSize: 10, baseline: "bottom", align: down ? "left" : "center", stroke: "white", strokeWidth: 5, strokeOpacity: 1 }, encoding: { x: px("lx"), y: px("ly"), text: { field: "label" } } },
      { data: { values: edges }, mark: { type: "text", fontSize: 10, baseline: "bottom", align: down ? "left" : "center", color: "#333333" }, encoding: { x: px("lx"), y: px("ly"), text: { field: "label" } } },
    ],
  });
}
