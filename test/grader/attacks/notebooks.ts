import * as fs from "node:fs";
import * as path from "node:path";

// Submissions of the fixture assignment (test/fixtures/grader/gradients.ipynb, 10 points) written as a
// hostile student would, from its golden release: the exercises solved (or not), plus attack cells.

const fixtures = path.join(__dirname, "..", "..", "fixtures", "grader");
const release = JSON.parse(fs.readFileSync(path.join(fixtures, "golden", "gradients.ipynb"), "utf8")) as { cells: Cell[] };
const source = JSON.parse(fs.readFileSync(path.join(fixtures, "gradients.ipynb"), "utf8")) as { cells: Cell[] };

type Cell = { id: string; cell_type: string; source: string | string[]; metadata: object; outputs?: unknown[]; execution_count?: null };

const text = (c: Cell) => (Array.isArray(c.source) ? c.source.join("") : c.source);

/** The instructor's solution of a cell, markers removed, as a student who solved it would have it. */
export const solved = (id: string): string => text(source.cells.find((c) => c.id === id)!).replace(/[ \t]*\/\/ (BEGIN|END) SOLUTION\n/g, "");

/** Every exercise solved. */
export const allSolved: Record<string, string> = Object.fromEntries(["grad-f-code", "grad-autograd-code", "train-code"].map((id) => [id, solved(id)]));

/** The bundle the fixture release belongs to. */
export const bundle = path.join(fixtures, "golden", "gradients.bundle.json");

/** A submission: the release with these cells' sources replaced and extra code cells inserted after others. */
export function submission(edits: Record<string, string> = allSolved, extra: [after: string, code: string][] = []): object {
  const cells = release.cells.map((c) => ({ ...c, source: edits[c.id] ?? c.source }));
  extra.forEach(([after, code], i) => {
    const at = cells.findIndex((c) => c.id === after) + 1;
    cells.splice(at, 0, { id: `attack-${i}`, cell_type: "code", metadata: {}, source: code, outputs: [], execution_count: null });
  });
  return { ...release, cells };
}

/** Code that writes one frame of the runner's protocol (4-byte length, JSON) onto fd 3 from a cell. */
export const writeFrame = (json: string): string => `{ const body = Buffer.from(${json});
const head = Buffer.alloc(4); head.writeUInt32BE(body.length, 0);
try { require("fs").writeSync(3, Buffer.concat([head, body])); } catch (e) { console.log("no channel"); } }`;

/** The cell of an attack that signals its parent, its group, everything it may, and its pid neighbours. */
export const signalEveryone = (signal: string): string => `for (const pid of [process.ppid, 0, -1, process.pid + 1, process.pid - 1]) {
  try { process.kill(pid, ${JSON.stringify(signal)}); } catch (e) { console.log("kill", pid, (e as any).code); }
}
// A signal that comes back to this process lands in this cell, not (at the whim of the load) in a test.
await new Promise((r) => setTimeout(r, 500));`;
