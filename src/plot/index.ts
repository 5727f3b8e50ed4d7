// The `plot` namespace: builders that return Vega-Lite v5 specs (data only; show() does I/O).
export { line, scatter, lossCurve, type SeriesOptions } from "./line";
export { heatmap, type HeatmapOptions, type Trajectory, type PathPoints } from "./heatmap";
export { vectorField, type VectorFieldOptions } from "./vector-field";
export { slider, type SliderOptions, type SliderRun, type SliderParam } from "./slider";
export { graph, type GraphOptions } from "./graph";
export { type Chart, type ChartOptions } from "./spec";
export { layer, hconcat, vconcat, type ConcatOptions, type LayerOptions, type LegendOrient } from "./compose";
export { renderSvg } from "./render";
export type { Values, Series, ManySeries } from "./data";
export type { Range } from "./grid";
export { matrix, type MatrixOptions, type MatrixValues } from "./matrix";
