import type { SubmissionResult } from "../results";

// feedback/NAME.html: what one student sees. Built from the results record only, which holds no
// test code at all and, for hidden tests, check lines without reference values.

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function testRows(r: SubmissionResult): string {
  return r.tests.map((t) => {
    const lines = [t.error ?? "", ...t.checks.map((c) => c.message)].filter((l) => l !== "");
    const detail = lines.length > 0 ? `<pre>${esc(lines.join("\n"))}</pre>` : "";
    const kind = t.hidden ? " <small>(hidden test)</small>" : "";
    return `<tr class="${t.passed ? "pass" : "fail"}"><td>${esc(t.id)}${kind}</td><td>${t.points} / ${t.maxPoints}</td><td>${esc(t.status)}</td><td>${detail}</td></tr>`;
  }).join("\n");
}

/** The feedback page of one submission. */
export function feedbackHtml(r: SubmissionResult): string {
  const notes = [...r.errors, ...r.notes].map((n) => `<li>${esc(n)}</li>`).join("");
  const slow = r.cells.filter((c) => c.status !== "ok").map((c) => `<li>${esc(c.cell)}: ${esc(c.error ?? c.status)}</li>`).join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(r.assignment)}: ${esc(r.submission)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto}td,th{border-bottom:1px solid #ddd;padding:.3rem .6rem;text-align:left;vertical-align:top}
.pass td:first-child{border-left:4px solid #2a2}.fail td:first-child{border-left:4px solid #c22}pre{margin:0;white-space:pre-wrap}</style></head>
<body><h1>${esc(r.assignment)}: ${r.score} / ${r.maxScore} points</h1>
<p>Submission <code>${esc(r.submission)}</code>, status ${esc(r.status)}.</p>
${notes ? `<ul>${notes}</ul>` : ""}
<table><thead><tr><th>test</th><th>points</th><th>status</th><th>details</th></tr></thead><tbody>
${testRows(r)}
</tbody></table>
${slow ? `<h2>Cells that failed</h2><ul>${slow}</ul>` : ""}
</body></html>
`;
}
