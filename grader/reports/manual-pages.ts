import type { Bundle } from "../bundle";
import type { SubmissionResult } from "../results";

// For the TA: one page per free-text question with every submission's answer (escaped text, never
// rendered: students' markdown may hold anything), and manual/scores.csv to fill in and pass back
// with `grade … --manual`. Both are written from the results records at every run.

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const csvCell = (v: string | number): string => {
  const s = typeof v === "string" && /^[=+\-@\t\r]/.test(v) ? `'${v}` : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** manual/ID.html: the question as released and each submission's answer with its score so far. */
export function manualPage(bundle: Bundle, id: string, results: SubmissionResult[]): string {
  const q = bundle.manual.find((m) => m.id === id)!;
  const rows = results.filter((r) => r.status !== "missing").map((r) => {
    const m = r.manual.find((x) => x.id === id);
    const answer = m?.answer == null ? "(the answer cell is missing)" : m.unanswered ? "(not answered)" : m.answer;
    return `<tr><td><code>${esc(r.submission)}</code>${r.student ? `<br>${esc(r.student)}` : ""}</td><td><pre>${esc(answer)}</pre></td><td>${m?.points ?? ""} / ${q.points}</td><td>${esc(m?.comment ?? "")}</td></tr>`;
  }).join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(bundle.assignment)}: question ${esc(id)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto}td,th{border-bottom:1px solid #ddd;padding:.4rem .6rem;text-align:left;vertical-align:top}pre{margin:0;white-space:pre-wrap}</style></head>
<body><h1>${esc(bundle.assignment)}: question ${esc(id)} (${q.points} points)</h1>
<p>As released:</p><pre>${esc(q.released)}</pre>
<p>Score the answers in <code>manual/scores.csv</code> (points, comment), then run <code>gradlab grade … --manual manual/scores.csv</code> again: it is cached, only the scores change.</p>
<table><thead><tr><th>submission</th><th>answer</th><th>points</th><th>comment</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>
`;
}

/** manual/scores.csv: a row per submission and question, with the scores given so far. */
export function manualScoresCsv(bundle: Bundle, results: SubmissionResult[]): string {
  const rows = results.filter((r) => r.status !== "missing").flatMap((r) => bundle.manual.map((q) => {
    const m = r.manual.find((x) => x.id === q.id);
    return [r.submission, q.id, m?.points ?? "", m?.comment ?? ""];
  }));
  return [["submission", "question", "points", "comment"], ...rows].map((row) => row.map(csvCell).join(",")).join("\n") + "\n";
}
