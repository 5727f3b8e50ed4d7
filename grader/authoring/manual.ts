import { AuthoringError, positiveNumber } from "./directive";

// Free-text questions graded by a TA: a markdown cell whose first line is
// `<!-- @manual ID points=N -->` is the student's answer cell (its solution region, the model answer,
// becomes "_Type your answer here._" in the release), collected at grading onto one page per question.

/** A manual question as its directive declares it. */
export interface ManualSpec {
  id: string;
  points: number;
}

const manualPattern = /^\s*<!--\s*@manual\b(.*?)-->\s*$/;
const idPattern = /^[A-Za-z][\w.-]*$/;

/** True when the first line of a markdown cell is a manual-question directive. */
export function isManualDirective(firstLine: string): boolean {
  return manualPattern.test(firstLine);
}

/** Parse `<!-- @manual ID points=N -->`; `cell` is the 1-based cell number used in errors. */
export function parseManualDirective(line: string, cell: number): ManualSpec {
  const match = manualPattern.exec(line);
  if (match === null) throw new AuthoringError(`cell ${cell}: "${line.trim()}" is not a manual-question directive.`);
  const [id, ...words] = match[1].trim().split(/\s+/).filter((w) => w !== "");
  if (id === undefined || !idPattern.test(id)) {
    throw new AuthoringError(`cell ${cell}: the manual question needs an id first, like "<!-- @manual explain-lr points=2 -->"; got "${line.trim()}".`);
  }
  const spec: ManualSpec = { id, points: 1 };
  for (const word of words) {
    if (word.startsWith("points=") && !words.slice(words.indexOf(word) + 1).some((w) => w.startsWith("points="))) {
      spec.points = positiveNumber(cell, "points", word.slice("points=".length), false);
    } else {
      throw new AuthoringError(`cell ${cell}: "${word}" is not understood in manual question ${id}; write <!-- @manual ${id} points=N -->.`);
    }
  }
  return spec;
}
