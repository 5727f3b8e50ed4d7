import { hiddenMsg } from "../messages";
import type { StudentView } from "./student-view";

// feedback/NAME.html: what one student sees, built from the student's view of the results record
// (student-view.ts): no test code, no hidden reference or number derived from one, no text the
// submission produced after a hidden test had run; hidden results withheld until released.

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function testRows(v: StudentView): string {
  return v.tests.map((t) => {
    const detail = t.lines.length > 0 ? `<pre>${esc(t.lines.join("\n"))}</pre>` : "";
    const kind = t.hidden ? " <small>(hidden test)</small>" : "";
    const status = t.withheld ? "later" : t.passed ? "passed" : t.points > 0 ? "partly" : "failed";
    return `<tr class="${t.passed ? "pass" : "fail"}"><td>${esc(t.id)}${kind}</td><td>${t.withheld ? "?" : t.points} / ${t.maxPoints}</td><td>${status}</td><td>${detail}</td></tr>`;
  }).join("\n");
}

function manualRows(v: StudentView): string {
  return v.manual.map((m) => {
    const comment = m.comment !== "" ? `<pre>${esc(m.comment)}</pre>` : m.points === null ? esc(hiddenMsg.manualPending) : "";
    return `<tr class="manual"><td>${esc(m.id)} <small>(free text)</small></td><td>${m.points ?? "?"} / ${m.maxPoints}</td><td>${m.points === null ? "pending" : "scored"}</td><td>${comment}</td></tr>`;
  }).join("\n");
}

/** The feedback page of one submission. */
export function feedbackHtml(v: StudentView): string {
  const notes = [...v.notes, ...(v.late ? [v.late] : [])].map((n) => `<li>${esc(n)}</li>`).join("");
  const cells = v.cells.map((c) => `<li>${esc(c)}</li>`).join("");
  const total = v.withheld ? esc(hiddenMsg.totalLater) : `${v.score} / ${v.maxScore} points`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(v.assignment)}: ${esc(v.submission)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto}td,th{border-bottom:1px solid #ddd;padding:.3rem .6rem;text-align:left;vertical-align:top}
.pass td:first-child{border-left:4px solid #2a2}.fail td:first-child{border-left:4px solid #c22}.manual td:first-child{border-left:4px solid #88c}pre{margin:0;white-space:pre-wrap}</style></head>
<body><h1>${esc(v.assignment)}: ${total}</h1>
<p>Submission <code>${esc(v.submission)}</code>, status ${esc(v.status)}.</p>
${notes ? `<ul>${notes}</ul>` : ""}
<table><thead><tr><th>test</th><th>points</th><th>status</th><th>details</th></tr></thead><tbody>
${testRows(v)}
${manualRows(v)}
</tbody></table>
${cells ? `<h2>Cells that failed</h2><ul>${cells}</ul>` : ""}
</body></html>
`;
}
