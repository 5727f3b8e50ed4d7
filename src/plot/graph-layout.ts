// A layered left-to-right layout for small DAGs (Vega-Lite has none): columns by longest path
// from the inputs, leaves one column before their first use, rows ordered by barycentre sweeps.
import type { GraphNode } from "./graph-model";

/** A node's centre in pixels. */
export interface Placed {
  node: GraphNode;
  col: number;
  x: number;
  y: number;
}

/** Pixel positions for the nodes (given in topological order) and the drawing's size. */
export function layout(nodes: readonly GraphNode[], colGap: number, rowGap: number): { placed: Placed[]; width: number; height: number } {
  const col = new Map<GraphNode, number>();
  for (const n of nodes) col.set(n, n.inputs.length === 0 ? 0 : 1 + Math.max(...n.inputs.map((i) => col.get(i) as number)));
  const consumers = new Map<GraphNode, GraphNode[]>(nodes.map((n) => [n, []]));
  for (const n of nodes) for (const i of n.inputs) consumers.get(i)?.push(n);
  for (const n of nodes) {
    const uses = consumers.get(n) as GraphNode[];
    if (n.inputs.length === 0 && uses.length > 0) col.set(n, Math.min(...uses.map((u) => col.get(u) as number)) - 1);
  }
  const ncol = Math.max(...col.values()) + 1;
  const columns: GraphNode[][] = Array.from({ length: ncol }, () => []);
  for (const n of nodes) columns[col.get(n) as number].push(n);
  const y = new Map<GraphNode, number>();
  columns.forEach((c) => c.forEach((n, i) => y.set(n, i * rowGap)));
  const mean = (list: GraphNode[]) => list.reduce((s, m) => s + (y.get(m) as number), 0) / list.length;
  const place = (c: GraphNode[], wish: (n: GraphNode) => number) => {
    const want = new Map(c.map((n) => [n, wish(n)]));
    c.sort((p, q) => (want.get(p) as number) - (want.get(q) as number));
    let last = -Infinity;
    for (const n of c) { last = Math.max(want.get(n) as number, last + rowGap); y.set(n, last); }
    // Shift the column back so it is centred on what its nodes asked for.
    const shift = c.reduce((s, n) => s + (want.get(n) as number) - (y.get(n) as number), 0) / c.length;
    for (const n of c) y.set(n, (y.get(n) as number) + shift);
  };
  for (let sweep = 0; sweep < 4; sweep++) {
    for (const c of columns) place(c, (n) => (n.inputs.length ? mean(n.inputs) : (consumers.get(n) as GraphNode[]).length ? mean(consumers.get(n) as GraphNode[]) : (y.get(n) as number)));
    for (const c of [...columns].reverse()) place(c, (n) => ((consumers.get(n) as GraphNode[]).length ? mean(consumers.get(n) as GraphNode[]) : (y.get(n) as number)));
  }
  const ys = [...y.values()];
  const top = Math.min(...ys), bottom = Math.max(...ys);
  const placed = nodes.map((n) => ({ node: n, col: col.get(n) as number, x: (col.get(n) as number) * colGap, y: (y.get(n) as number) - top }));
  return { placed, width: (ncol - 1) * colGap, height: bottom - top };
}
