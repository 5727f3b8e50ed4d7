// Every message a student can see from plot and show, in one place, so a teacher can reword
// them without touching logic and tests can match on them (vega-lite's log/message.ts).

export const plotMsg = {
  /** A slider chart's subtitle lines: a static copy (classic Notebook, nbconvert, GitHub) has no slider. */
  slidersWork: (n: number): string[] => [`(the slider${n > 1 ? "s" : ""} below work${n > 1 ? "" : "s"}`, "in JupyterLab and VS Code)"],
  notValues: (where: string, got: string) =>
    `${where}: expected numbers (an array, a Float64Array or a Tensor), got ${got}.`,
  empty: (where: string) => `${where}: there is nothing to plot (the series is empty); pass at least one value.`,
  noSeries: (where: string) => `${where}: no series were given; pass an array of values or an object like {train: losses}.`,
  lengths: (where: string, xLen: number, yLen: number) =>
    `${where}: x has ${xLen} values but y has ${yLen}; give them the same length.`,
  allNonFinite: (where: string) =>
    `${where}: every value is NaN or Infinity, so there is nothing to draw; check that the run did not diverge from the start (lower the learning rate).`,
  noPositive: (where: string) =>
    `${where}: a log scale needs positive values, but none are; use {logY: false}.`,
  range: (where: string, axis: string, got: unknown) =>
    `${where}: ${axis} must be a range [min, max] with min < max, got ${JSON.stringify(got)}.`,
  steps: (where: string, got: unknown) =>
    `${where}: steps must be a whole number from 2 to 200 (or [nx, ny]), got ${JSON.stringify(got)}.`,
  fnValue: (where: string, x: number, y: number, got: string) =>
    `${where}: the function returned ${got} at (${x}, ${y}); it must return a number or a one-element Tensor.`,
  vectorValue: (x: number, y: number, got: string) =>
    `vectorField: the function returned ${got} at (${x}, ${y}); it must return [dx, dy] (two numbers or a 2-element Tensor).`,
  trajectory: (i: number, got: string) =>
    `heatmap: trajectory ${i} must be a list of [x, y] points, a Tensor of shape [n, 2] or {x, y}, got ${got}.`,
  paramName: (name: string) =>
    `slider: "${name}" cannot be a parameter name; use letters, digits and _ and start with a letter (e.g. "depth", "lr").`,
  sliderValues: (values: readonly number[]) =>
    `slider: the values must be distinct finite numbers, got [${values.join(", ")}].`,
  sliderInit: (name: string, init: number, values: readonly number[]) =>
    `slider: init ${name} = ${init} is not one of the slider values [${values.join(", ")}]; start at one of them.`,
  sliderRunMissing: (name: string, value: number) =>
    `slider: there is no run for ${name} = ${value}; give one run for each slider value.`,
  sliderNoName: () =>
    `slider: give the slider a name (e.g. { name: "depth", values: [...], runs: [...] }) or several sliders as { params: [...] }.`,
  sliderDuplicate: () =>
    `slider: two runs have the same setting; give each setting of the sliders exactly one run.`,
  matrixValues: (where: string, got: string) =>
    `${where}: expected a 2-D Tensor or rows of numbers of equal length, got ${got}.`,
  matrixFrames: (frames: number, values: number) =>
    `matrix: there are ${frames} frames but ${values} slider values; give one matrix per value.`,
  matrixShapes: () => `matrix: the frames have different shapes; every frame must have the same rows and columns.`,
  matrixNames: (nr: number, nc: number, rows: number, cols: number) =>
    `matrix: the matrix is ${nr}×${nc} but ${rows} row names and ${cols} column names were given; give one name per row and per column.`,
  notChart: (where: string, got: string) =>
    `${where}: expected a Vega-Lite chart (a plot.* result or a spec object), got ${got}.`,
  notDisplayable: (got: string) =>
    `show: cannot display ${got}; pass a chart from plot.*, a Vega-Lite spec or a Tensor.`,
  graphRoot: (got: string) => `graph: expected a Tensor, got ${got}.`,
  graphLeaf: () =>
    `graph: this tensor was not produced by an operation on tensors that require grad, so there is no graph to draw; create the inputs with {requiresGrad: true}.`,
  graphTooBig: (n: number, max: number) =>
    `graph: the graph has ${n} nodes after collapsing, more than ${max} can be drawn readably; plot a smaller expression or raise {maxNodes}.`,
  renderFailed: (reason: string) => `show: the chart could not be rendered to SVG (${reason}).`,
};

/** A short description of a value for error messages. */
export function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === "object") return `an object (${(v as object).constructor?.name ?? "Object"})`;
  return `${typeof v} ${String(v)}`;
}
