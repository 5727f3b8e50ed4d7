import type { Bundle } from "../bundle";
import { isManualDirective } from "../authoring/manual";
import { cellSource, type Notebook } from "../notebook";
import type { ManualResult } from "../results";

// The free-text answers of a submission, found by the answer cell's id (or, in a notebook that was
// re-created, by its `<!-- @manual ID` line), without the directive line. Only read here, as text:
// never run, escaped wherever it is shown.

/** Longest answer kept (a few pages of text). */
export const MAX_ANSWER_CHARS = 20_000;

const body = (text: string): string => text.split("\n").filter((line, i) => i > 0 || !isManualDirective(line)).join("\n").trim();
const directiveId = (text: string): string | null => /^\s*<!--\s*@manual\s+([A-Za-z][\w.-]*)/.exec(text)?.[1] ?? null;

/** Each question of the bundle with the submission's answer, not yet scored. */
export function manualAnswers(bundle: Bundle, nb: Notebook): ManualResult[] {
  return bundle.manual.map((q) => {
    const markdown = nb.cells.filter((c) => c.cell_type === "markdown");
    const cell = markdown.find((c) => c.id === q.cellId) ?? markdown.find((c) => directiveId(cellSource(c)) === q.id);
    const answer = cell === undefined ? null : body(cellSource(cell)).slice(0, MAX_ANSWER_CHARS);
    return { id: q.id, maxPoints: q.points, answer, unanswered: answer === null || answer === "" || answer === body(q.released), points: null, comment: "" };
  });
}
