// PyTorch-style printing of tensors: integer-valued data as "1.", otherwise 4 decimals, and
// scientific notation when magnitudes span too much; long dimensions are summarised with "...".
import { getDefaultDtype, type Storage } from "./dtype";
import type { Tensor } from "./tensor";

const EDGE = 3; // items kept at each end of a summarised dimension
const THRESHOLD = 1000; // PyTorch's print threshold

function chooseFormatter(values: Storage): (v: number) => string {
  const finite = Array.from(values).filter(Number.isFinite);
  const special = (v: number) => (Number.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf");
  const wrap = (f: (v: number) => string) => (v: number) => (Number.isFinite(v) ? f(v) : special(v));
  if (finite.every(Number.isInteger)) {
    const big = finite.some((v) => Math.abs(v) >= 1e8);
    return wrap(big ? (v) => v.toExponential(4).replace(/e([+-])(\d)$/, "e$10$2") : (v) => `${v}.`);
  }
  const mags = finite.map(Math.abs).filter((v) => v > 0);
  const hi = Math.max(0, ...mags), lo = mags.length ? Math.min(...mags) : 0;
  const sci = hi >= 1e8 || (lo > 0 && lo < 1e-4) || (lo > 0 && hi / lo > 1000);
  return wrap(sci ? (v) => v.toExponential(4).replace(/e([+-])(\d)$/, "e$10$2") : (v) => v.toFixed(4));
}

/** The nested-bracket body, e.g. "[[1., 2.],\n        [3., 4.]]", with `indent` columns before it. */
function body(t: Tensor, fmt: (v: number) => string, indent: number): string {
  const { data, shape } = t;
  const summarise = data.length > THRESHOLD;
  const strs = Array.from(data, fmt);
  const width = Math.max(1, ...strs.map((s) => s.length));
  const rec = (dim: number, offset: number, stride: number): string => {
    const size = shape[dim];
    const inner = stride / size;
    const pick = summarise && size > 2 * EDGE ? [...Array(EDGE).keys(), -1, ...Array.from({ length: EDGE }, (_, i) => size - EDGE + i)] : [...Array(size).keys()];
    if (dim === shape.length - 1) return "[" + pick.map((i) => (i < 0 ? "..." : strs[offset + i].padStart(width))).join(", ") + "]";
    const sep = "," + "\n".repeat(shape.length - dim - 1) + " ".repeat(indent + dim + 1);
    return "[" + pick.map((i) => (i < 0 ? "..." : rec(dim + 1, offset + i * inner, inner))).join(sep) + "]";
  };
  if (shape.length === 0) return strs[0];
  if (data.length === 0) return "[]";
  return rec(0, 0, data.length);
}

/** PyTorch's repr: `tensor([1.0000, 2.0000], requiresGrad=true)`; the dtype is shown when it is not the default one. */
export function formatTensor(t: Tensor): string {
  const fmt = chooseFormatter(t.data);
  let s = "tensor(" + body(t, fmt, "tensor(".length);
  if (t.data.length === 0 && t.shape.length > 1) s += `, size=[${t.shape.join(", ")}]`;
  if (t.dtype !== getDefaultDtype()) s += `, dtype=${t.dtype}`;
  if (t.gradFn !== null) s += `, gradFn=${t.gradFn.toString()}`;
  else if (t.requiresGrad) s += ", requiresGrad=true";
  return s + ")";
}

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A small HTML view: the repr plus the shape, for notebooks. */
export function tensorHtml(t: Tensor): string {
  return `<pre>${escape(formatTensor(t))}</pre><small>shape [${t.shape.join(", ")}] · ${t.dtype}${t.requiresGrad ? " · requiresGrad" : ""}</small>`;
}
