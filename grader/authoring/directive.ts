// The `// @test ID [points=N] [hidden] [partial] [rtol=X] [atol=X] [timeout=S]` line that starts a test cell,
// parsed strictly: an unknown flag or a bad value is an error naming the cell, not a silent default.

/** A test as its directive declares it. */
export interface TestSpec {
  id: string;
  points: number;
  hidden: boolean;
  /** Points are earned per passing check (check(…, { points }) or an equal share), not all or nothing. */
  partial: boolean;
  rtol: number;
  atol: number;
  /** Per-cell time limit in seconds, or null for the grader's --timeout. */
  timeoutS: number | null;
}

/** A mistake in a source notebook, with the cell it is in. */
export class AuthoringError extends Error {
  override name = "AuthoringError";
}

const directivePattern = /^\s*\/\/\s*@test\b(.*)$/;
const idPattern = /^[A-Za-z][\w.-]*$/;

/** True when the first line of a code cell is a test directive. */
export function isTestDirective(firstLine: string): boolean {
  return directivePattern.test(firstLine);
}

/** A `key=value` number of a directive: non-negative (or positive), with an error naming the cell. */
export function positiveNumber(cell: number, key: string, raw: string, allowZero: boolean): number {
  const value = Number(raw);
  if (raw === "" || !Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new AuthoringError(`cell ${cell}: ${key}=${raw} is not a valid ${key}; use a ${allowZero ? "non-negative" : "positive"} number, e.g. ${key}=${key === "points" ? 2 : key === "timeout" ? 30 : "1e-6"}.`);
  }
  return value;
}

/** Parse a directive line; `cell` is the 1-based cell number used in errors. */
export function parseDirective(line: string, cell: number, defaults: { rtol: number; atol: number }): TestSpec {
  const match = directivePattern.exec(line);
  if (match === null) throw new AuthoringError(`cell ${cell}: "${line.trim()}" is not a test directive.`);
  const words = match[1].trim().split(/\s+/).filter((w) => w !== "");
  const id = words.shift();
  if (id === undefined || id.includes("=") || !idPattern.test(id)) {
    throw new AuthoringError(`cell ${cell}: the test directive needs an id first, like "// @test grad-f points=2"; got "${line.trim()}". Ids start with a letter and use letters, digits, _ . -`);
  }
  const spec: TestSpec = { id, points: 1, hidden: false, partial: false, rtol: defaults.rtol, atol: defaults.atol, timeoutS: null };
  const seen = new Set<string>();
  for (const word of words) {
    const [key, raw] = word.includes("=") ? [word.slice(0, word.indexOf("=")), word.slice(word.indexOf("=") + 1)] : [word, null];
    if (seen.has(key)) throw new AuthoringError(`cell ${cell}: "${key}" appears twice in the directive of test ${id}.`);
    seen.add(key);
    if (key === "hidden" && raw === null) spec.hidden = true;
    else if (key === "partial" && raw === null) spec.partial = true;
    else if (key === "points" && raw !== null) spec.points = positiveNumber(cell, key, raw, true);
    else if (key === "rtol" && raw !== null) spec.rtol = positiveNumber(cell, key, raw, true);
    else if (key === "atol" && raw !== null) spec.atol = positiveNumber(cell, key, raw, true);
    else if (key === "timeout" && raw !== null) spec.timeoutS = positiveNumber(cell, key, raw, false);
    else {
      throw new AuthoringError(`cell ${cell}: "${word}" is not understood in the directive of test ${id}; use points=N, hidden, partial, rtol=X, atol=X, timeout=S.`);
    }
  }
  return spec;
}
