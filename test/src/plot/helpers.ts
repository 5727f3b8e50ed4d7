// Shared test helpers: the Vega-Lite v5 schema validator (compiled once per file that uses it),
// a structural summary of a spec for snapshots, and the lecture's f(x, y, z).
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { add, div, log, mul, sin, tanh, tensor, type Tensor } from "../../../src/index";

let validator: ((spec: unknown) => boolean) & { errors?: unknown } | null = null;

/** Validates against node_modules/vega-lite/build/vega-lite-schema.json; returns the errors. */
export function schemaErrors(spec: unknown): unknown[] {
  if (validator === null) {
    const ajv = new Ajv({ strict: false, allErrors: false });
    addFormats(ajv);
    ajv.addFormat("color-hex", /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i);
    validator = ajv.compile(require("vega-lite/build/vega-lite-schema.json"));
  }
  return validator(JSON.parse(JSON.stringify(spec))) ? [] : ((validator.errors as unknown[]) ?? ["invalid"]);
}

type Json = Record<string, unknown>;

/** Mark types, encoded channels and data lengths of every unit in a spec, in order. */
export function structure(spec: unknown): string[] {
  const out: string[] = [];
  const walk = (s: Json, data: unknown[] | undefined) => {
    const own = (s.data as { values?: unknown[] } | undefined)?.values ?? data;
    for (const key of ["layer", "hconcat", "vconcat"]) if (Array.isArray(s[key])) (s[key] as Json[]).forEach((c) => walk(c, own));
    if (s.mark !== undefined) {
      const mark = typeof s.mark === "string" ? s.mark : (s.mark as Json).type;
      const enc = Object.keys((s.encoding as Json | undefined) ?? {}).join(",");
      out.push(`${mark} [${enc}] rows=${own?.length ?? 0}${s.transform ? " +transform" : ""}`);
    }
  };
  walk(spec as Json, undefined);
  return out;
}

/** f = tanh(ln(1 + z·2x / sin y)) at the lecture's point (0.5, 1.0, 2.0), leaves named x, y, z. */
export function lectureF(): { f: Tensor; x: Tensor; y: Tensor; z: Tensor } {
  const [x, y, z] = [0.5, 1.0, 2.0].map((v, i) => {
    const t = tensor(v, { requiresGrad: true });
    t.name = "xyz"[i];
    return t;
  });
  const f = tanh(log(add(1, mul(z, div(mul(2, x), sin(y))))));
  return { f, x, y, z };
}
