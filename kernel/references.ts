import * as fs from "node:fs";
import * as path from "node:path";
import type { Reference, ReferenceLookup, ReferenceSource } from "../src/check/index";
import { messages } from "../src/check/messages";

// Where check() finds a public test's references in a Node kernel: the released notebook keeps them
// in each public test cell's metadata (gradlab.references), as nbgrader keeps its checksums, and the
// kernel reads them from the saved notebook file. Jupyter Server sets JPY_SESSION_NAME to the
// notebook's path (relative to its root) and starts the kernel in the notebook's folder; the
// embedded runner sets the same. A notebook renamed after its kernel started is found by scanning
// the folder for notebooks that hold the test (the most recently saved first).

type Cached = { mtimeMs: number; size: number; tests: Map<string, Reference[]> };
const cache = new Map<string, Cached>();

/** The public tests' references a notebook file holds, by test id (empty when it is not a notebook). */
export function referencesIn(file: string): Map<string, Reference[]> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return new Map();
  }
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === stat.mtimeMs && hit.size === stat.size) return hit.tests;
  const tests = new Map<string, Reference[]>();
  try {
    const nb = JSON.parse(fs.readFileSync(file, "utf8")) as { cells?: { metadata?: { gradlab?: { test?: unknown; references?: unknown } } }[] };
    for (const cell of Array.isArray(nb.cells) ? nb.cells : []) {
      const meta = cell?.metadata?.gradlab;
      if (typeof meta?.test === "string" && Array.isArray(meta.references)) tests.set(meta.test, meta.references as Reference[]);
    }
  } catch {
    // Unreadable or half-saved: no references from it this time.
  }
  cache.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, tests });
  return tests;
}

function candidates(sessionName: string | undefined, cwd: string): { named: string | null; others: string[] } {
  const named = sessionName ? (path.isAbsolute(sessionName) ? sessionName : path.join(cwd, path.basename(sessionName))) : null;
  let others: string[] = [];
  try {
    others = fs.readdirSync(cwd).filter((f) => f.endsWith(".ipynb")).map((f) => path.join(cwd, f)).filter((f) => f !== named);
  } catch {
    others = [];
  }
  const mtime = (f: string) => fs.statSync(f, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  return { named, others: others.sort((a, b) => mtime(b) - mtime(a)) };
}

/** The reference source of a Node kernel whose cwd is the notebook's folder. */
export function notebookReferenceSource(env: NodeJS.ProcessEnv = process.env, cwd: () => string = () => process.cwd()): ReferenceSource {
  return (test: string): ReferenceLookup => {
    const { named, others } = candidates(env.JPY_SESSION_NAME, cwd());
    for (const file of named ? [named, ...others] : others) {
      const references = referencesIn(file).get(test);
      if (references) return { references };
    }
    // A notebook with no references at all is a source notebook (or lost its metadata): assign it first.
    if (named && fs.existsSync(named)) return { problem: referencesIn(named).size === 0 ? messages.sourceNotebook(path.basename(named)) : messages.testNotInNotebook(path.basename(named)) };
    const tried = [named ? path.basename(named) : "JPY_SESSION_NAME (not set)", `the .ipynb files in ${cwd()}`].join(" and ");
    return { problem: messages.notebookNotFound(tried) };
  };
}
