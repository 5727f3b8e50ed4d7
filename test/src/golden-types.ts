// The shape of test/golden/golden.json (written by test/golden/make_golden.py).
import type { nn } from "gradlab";

interface Layer { in: number; out: number; weight: number[]; bias: number[] }
interface OptimRun {
  name: string;
  optimizer: "SGD" | "Adam";
  options: { lr?: number; momentum?: number; dampening?: number; nesterov?: boolean; weight_decay?: number; betas?: [number, number]; eps?: number };
  losses: number[];
  params: { weight: number[]; bias: number[] }[];
}

/** Everything the golden test reads. */
export interface Golden {
  expressions: { name: string; inputs: { shape: number[]; data: number[] }[]; value: number; grads: number[][] }[];
  mlp: { layers: Layer[]; x: number[]; xShape: number[]; targets: number[]; logits: number[]; loss: number; grads: Record<string, number[]> };
  optimizers: { model: Layer; x: number[]; xShape: number[]; y: number[]; yShape: number[]; runs: OptimRun[] };
  losses: { loss: "MSELoss" | "CrossEntropyLoss"; reduction: nn.Reduction; input: { shape: number[]; data: number[] }; target: number[]; targetShape: number[]; value: number[]; grad: number[] }[];
  init: {
    fans: { shape: number[]; fanIn: number; fanOut: number }[];
    gains: { nonlinearity: string; param: number | null; gain: number }[];
    linearBounds: { inFeatures: number; outFeatures: number; weightBound: number; biasBound: number }[];
  };
  linspace: { start: number; end: number; steps: number; values: number[] }[];
}
