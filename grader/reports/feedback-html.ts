import type { StudentView } from "./student-view";

// feedback/NAME.html: what one student sees, built from the student's view of the results record
// (student-view.ts): no test code, no hidden reference or number derived from one, no text the
// submission produced after a hidden test had run.

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function testRows(v: StudentView): string {
  return v.tests.map((t) => {
    const detail = t.lines.length > 0 ? `<pre>${esc(t.lines.join("\n"))}</pre>` : "";
    const kind = t.hidden ? " <small>(hidden test)</small>" : "";
    return `<tr class="${t.passed ? "pass" : "fail"}"><td>${esc(t.id)}${kind}</td><td>${t.points} / ${t.maxPoints}</td><td>${t.passed ? "passed" : "failed"}</td><td>${detail}</td></tr>`;
  }).join("\n");
}

/** The feedback page of one submission. */
export function feedbackHtml(v: StudentView): string {
  const notes = v.notes.map((n) => `<li>${esc(n)}</li>`).join("");
  const cells = v.cells.map((c) => `<li>${esc(c)}</li>`).join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(v.assignment)}: ${esc(v.submission)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto}td,th{border-bottom:1px solid #ddd;padding:.3rem .6rem;text-align:left;vertical-align:top}
.pass td:first-child{border-left:4px solid #2a2}.fail td:first-child{border-left:4px solid #c22}pre{margin:0;white-space:pre-wrap}</style></head>
<body><h1>${esc(v.assignment)}: ${v.score} / ${v.maxScore} points</h1>
<p>Submission <code>${esc(v.submission)}</code>, status ${esc(v.status)}.</p>
${notes ? `<ul>${notes}</ul>` : ""}
<table><thead><tr><th>test</th><th>points</th><th>status</th><th>details</th></tr></thead><tbody>
${testRows(v)}
</tbody></table>
${cells ? `<h2>Cells that failed</h2><ul>${cells}</ul>` : ""}
</body></html>
`;
}
