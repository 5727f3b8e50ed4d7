// Every message check() and the grader show a student, in one place so a teacher can reword them
// without touching logic (the library's src/messages.ts does the same for tensor errors).

const shape = (s: readonly number[]): string => `[${s.join(", ")}]`;
const sci = (x: number | null): string => (x === null ? "n/a" : x === 0 ? "0" : x.toExponential(1));

/** Student-visible texts of check() and of grading, keyed by situation. */
export const messages = {
  shapeMismatch: (expected: readonly number[], got: readonly number[]) =>
    `shape ${shape(got)} does not match the expected shape ${shape(expected)}`,
  nan: (s: readonly number[], index: number) =>
    s.length === 0 ? "the value is NaN (NaN never passes)" : `element ${index} is NaN (NaN never passes)`,
  notClose: (rtol: number, atol: number) => `values differ by more than the tolerance (rtol ${rtol}, atol ${atol})`,
  unsupported: (what: string) =>
    `cannot check ${what}; pass a number, boolean, string, array, tensor, or a plain object of those`,
  kindMismatch: (expected: string, got: string) => `expected ${expected}, got ${got}`,
  notEqual: (expected: string, got: string) => `expected ${expected}, got ${got}`,
  lengthMismatch: (expected: number, got: number) => `expected a list of ${expected} values, got ${got}`,
  keysMismatch: (expected: string[], got: string[]) => `expected keys {${expected.join(", ")}}, got {${got.join(", ")}}`,
  passLine: (label: string, detail: string) => `✓ ${label}${detail}`,
  failLine: (label: string, reason: string) => `✗ ${label}: ${reason}`,
  errors: (abs: number | null, rel: number | null) => `max abs err ${sci(abs)}, max rel err ${sci(rel)}`,
  expectedGot: (expected: string, got: string) => `expected ${expected}, got ${got}`,
  noReference: (label: string, known: string[]) =>
    `? ${label}: no reference was recorded for this label` +
    (known.length > 0 ? ` (this test records: ${known.map((k) => JSON.stringify(k)).join(", ")})` : ""),
  outsideTest: (label: string) =>
    `? ${label}: not checked — check() compares only inside a test cell (one starting with "// @test ID") of a released notebook`,
  noReferences: (label: string, test: string, problem: string) => `? ${label}: not checked — test ${test}: ${problem}`,
  noReferenceSource: "this kernel cannot read the notebook's references (run the notebook in the gradlab kernel, or `gradlab check NOTEBOOK`)",
  notebookNotFound: (tried: string) =>
    `the notebook file holding its references was not found (looked for ${tried}); save the notebook, or run \`gradlab check NOTEBOOK\``,
  sourceNotebook: (file: string) =>
    `${file} holds no recorded references: it is a source notebook (or a copy that lost its test cells' metadata). Run \`gradlab assign ${file}\` first and open the release it writes (notebooks/ by default)`,
  testNotInNotebook: (file: string) =>
    `${file} has no references for it; keep the test cells of the released notebook as they were (their metadata holds the references)`,
  sinkInstalled: "check(): the grader's sink is already installed and cannot be replaced",
  missingCheck: (label: string) => `check "${label}" was never called (did the test stop early?)`,
  notReached: "not reached: the test stopped with the error above",
  extraCheck: (label: string) => `check "${label}" is not part of this test`,
  badTolerance: (name: string, value: unknown) =>
    `check: ${name} must be a non-negative finite number, got ${JSON.stringify(value)}`,
  badLabel: (label: unknown) => `check: the label must be a non-empty string, got ${JSON.stringify(label)}`,
};
