// Carries example submissions over to a new student release: what a student wrote (the code in place
// of each `// YOUR CODE HERE`, the text in place of each `_Type your answer here._`, cells they added,
// deleted or moved, tests they edited) is replayed onto the new release's cells. Cells whose given
// code the student changed are kept as they were and listed, for a person to look at.
//
// Run: node scripts/rebase-examples.mjs OLD_RELEASE.ipynb NEW_RELEASE.ipynb EXAMPLE.ipynb…
// (e.g. OLD_RELEASE from `git show main:notebooks/02-learning-hyperparameters.ipynb`). Rewrites the examples.
import { readFileSync, writeFileSync } from "node:fs";

const PLACEHOLDER = /^[ \t]*\/\/ YOUR CODE HERE\n[ \t]*throw new Error\("Not implemented"\);[ \t]*$|_Type your answer here\._/gm;
const text = (c) => (Array.isArray(c.source) ? c.source.join("") : c.source);
const lines = (s) => s.split(/(?<=\n)/);
const read = (f) => JSON.parse(readFileSync(f, "utf8"));
const isTest = (c) => c.metadata?.gradlab?.test !== undefined;
// A test cell's recorded references change with every release; only the rest is the student's.
const testBody = (s) => s.split("\n").filter((l) => !l.startsWith("check.expect(")).join("\n");

/** The student's text in place of each placeholder of `release`, or null when the given parts differ. */
function fills(release, edited) {
  const fixed = release.split(PLACEHOLDER);
  if (fixed.length === 1) return release === edited ? [] : null;
  if (!edited.startsWith(fixed[0])) return null;
  const out = [];
  let at = fixed[0].length;
  for (let k = 1; k < fixed.length; k++) {
    const end = k === fixed.length - 1 ? (edited.endsWith(fixed[k]) ? edited.length - fixed[k].length : -1) : edited.indexOf(fixed[k], at);
    if (end < at) return null;
    out.push(edited.slice(at, end));
    at = end + fixed[k].length;
  }
  return out;
}

/** The new release's cell with the student's fills in its placeholders (null when they do not fit). */
function refill(release, student) {
  const fixed = release.split(PLACEHOLDER);
  if (fixed.length - 1 !== student.length) return null;
  return fixed.reduce((s, part, k) => s + (k > 0 ? student[k - 1] : "") + part, "");
}

function rebase(oldRelease, newRelease, example, name) {
  const before = new Map(oldRelease.cells.map((c) => [c.id, c]));
  const after = new Map(newRelease.cells.map((c) => [c.id, c]));
  const cells = [];
  for (const cell of example.cells) {
    const was = before.get(cell.id), now = after.get(cell.id);
    if (was === undefined) { cells.push(cell); continue; } // the student's own cell
    if (now === undefined) continue; // the release dropped it
    const mine = text(cell);
    if (mine === text(was) || (isTest(cell) && testBody(mine) === testBody(text(was)))) { cells.push(structuredClone(now)); continue; }
    const student = isTest(cell) ? null : fills(text(was), mine);
    const merged = student === null ? null : refill(text(now), student);
    if (merged === null) {
      console.error(`${name}: kept the student's version of cell ${cell.id} (${isTest(cell) ? "an edited test" : "its given parts changed"}); check it`);
      cells.push({ ...structuredClone(now), source: cell.source });
    } else {
      cells.push({ ...structuredClone(now), source: lines(merged) });
    }
  }
  // Cells new in the release go after the release cell they follow.
  newRelease.cells.forEach((c, i) => {
    if (before.has(c.id) || cells.some((d) => d.id === c.id)) return;
    const prev = newRelease.cells.slice(0, i).reverse().find((p) => cells.some((d) => d.id === p.id));
    cells.splice(prev === undefined ? 0 : cells.findIndex((d) => d.id === prev.id) + 1, 0, structuredClone(c));
  });
  return { ...example, metadata: newRelease.metadata, cells };
}

const [oldFile, newFile, ...examples] = process.argv.slice(2);
if (examples.length === 0) {
  console.error("usage: node scripts/rebase-examples.mjs OLD_RELEASE.ipynb NEW_RELEASE.ipynb EXAMPLE.ipynb…");
  process.exit(2);
}
const [oldRelease, newRelease] = [read(oldFile), read(newFile)];
for (const file of examples) writeFileSync(file, `${JSON.stringify(rebase(oldRelease, newRelease, read(file), file), null, 1)}\n`);
