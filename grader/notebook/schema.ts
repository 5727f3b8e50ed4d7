import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import schemaV44 from "./nbformat.v4.4.schema.json";
import schemaV45 from "./nbformat.v4.5.schema.json";

// nbformat 4 validation with Jupyter's official JSON schemas (nbformat.v4.4/v4.5.schema.json,
// copied from the nbformat package, BSD-3-Clause, IPython Development Team), so a file Jupyter
// would reject is rejected here with the same reasons.

const validators = new Map<number, ValidateFunction>();

function validator(minor: number): ValidateFunction {
  const version = minor >= 5 ? 5 : 4;
  let validate = validators.get(version);
  if (!validate) {
    // The schemas declare draft-04; the keywords they use mean the same in Ajv's default draft.
    const { $schema: _draft, ...schema } = version === 5 ? schemaV45 : schemaV44;
    validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    validators.set(version, validate);
  }
  return validate;
}

/** Why `value` breaks the nbformat 4.`minor` schema (the first few reasons), or null when it is valid. */
export function schemaErrors(value: unknown, minor: number): string | null {
  const validate = validator(minor);
  return validate(value) ? null : describe(validate.errors ?? []);
}

function describe(errors: ErrorObject[]): string {
  const lines = [...new Set(errors.filter((e) => e.keyword !== "oneOf").map((e) => `${e.instancePath || "/"} ${e.message}`))];
  return lines.slice(0, 3).join("; ") + (lines.length > 3 ? ` (and ${lines.length - 3} more)` : "");
}
