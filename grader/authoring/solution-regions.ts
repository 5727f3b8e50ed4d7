import { AuthoringError } from "./directive";

// Solution regions: `// BEGIN SOLUTION` … `// END SOLUTION` in code, `<!-- BEGIN SOLUTION -->` …
// `<!-- END SOLUTION -->` in markdown. The release replaces each with a stub, as nbgrader does.

const markers = {
  code: { begin: /^\s*\/\/\s*BEGIN SOLUTION\s*$/, end: /^\s*\/\/\s*END SOLUTION\s*$/ },
  markdown: { begin: /^\s*<!--\s*BEGIN SOLUTION\s*-->\s*$/, end: /^\s*<!--\s*END SOLUTION\s*-->\s*$/ },
};

/** What replaces a solution region, indented like its BEGIN line. */
function stub(kind: "code" | "markdown", indent: string): string[] {
  return kind === "code"
    ? [`${indent}// YOUR CODE HERE`, `${indent}throw new Error("Not implemented");`]
    : ["_Type your answer here._"];
}

/** True when the text has any solution marker (used to refuse markers in test cells). */
export function hasSolutionMarker(kind: "code" | "markdown", text: string): boolean {
  return text.split("\n").some((line) => markers[kind].begin.test(line) || markers[kind].end.test(line));
}

/** Replace every region with its stub; `changed` says whether there was one. Strict about nesting. */
export function stripSolutions(kind: "code" | "markdown", text: string, cell: number): { text: string; changed: boolean } {
  const out: string[] = [];
  let openedAt = -1;
  let changed = false;
  const lines = text.split("\n");
  lines.forEach((line, i) => {
    if (markers[kind].begin.test(line)) {
      if (openedAt >= 0) throw new AuthoringError(`cell ${cell}, line ${i + 1}: BEGIN SOLUTION inside the region opened on line ${openedAt + 1}; regions cannot nest.`);
      openedAt = i;
      changed = true;
      out.push(...stub(kind, /^\s*/.exec(line)![0]));
    } else if (markers[kind].end.test(line)) {
      if (openedAt < 0) throw new AuthoringError(`cell ${cell}, line ${i + 1}: END SOLUTION without a BEGIN SOLUTION before it.`);
      openedAt = -1;
    } else if (openedAt < 0) {
      out.push(line);
    }
  });
  if (openedAt >= 0) throw new AuthoringError(`cell ${cell}, line ${openedAt + 1}: BEGIN SOLUTION is never closed; add an END SOLUTION line.`);
  return { text: out.join("\n"), changed };
}
