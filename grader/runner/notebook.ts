import { randomBytes } from "node:crypto";
import * as path from "node:path";
import { type Notebook, readNotebook, validateNotebook } from "../notebook";
import { type ExecuteResult, type Runner, type RunnerOptions, startRunner } from "./runner";

// Executing a whole notebook on a runner, like `jupyter nbconvert --execute --allow-errors`:
// every code cell runs in order, failures included, and the result is nbformat 4.5.

/** Options for runNotebook: a runner to use (closed by its owner), or options to start one. */
export type RunNotebookOptions = Partial<RunnerOptions> & { runner?: Runner };

/** The executed notebook and what each code cell did (in cell order, code cells only). */
export interface RunNotebookResult {
  notebook: Notebook;
  cells: Array<ExecuteResult & { index: number }>;
  /** How many code cells did not finish with status ok. */
  failed: number;
}

/** Execute every code cell of a notebook file or nbformat JSON and return it with outputs. */
export async function runNotebook(source: string | unknown, options: RunNotebookOptions = {}): Promise<RunNotebookResult> {
  const input = typeof source === "string" ? readNotebook(source, "schema") : validateNotebook(source);
  const cwd = options.cwd ?? (typeof source === "string" ? path.dirname(path.resolve(source)) : process.cwd());
  const notebook = upgrade(structuredClone(input));
  // As Jupyter Server does: check() finds the notebook's references from JPY_SESSION_NAME.
  const session: Record<string, string> = typeof source === "string" ? { JPY_SESSION_NAME: path.resolve(source) } : {};
  const runner = options.runner ?? (await startRunner({ ...options, cwd, env: { ...session, ...options.env } }));
  const cells: RunNotebookResult["cells"] = [];
  try {
    for (const [index, cell] of notebook.cells.entries()) {
      if (cell.cell_type !== "code") continue;
      const code = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
      const result = await runner.execute(code);
      cell.outputs = result.outputs;
      cell.execution_count = result.executionCount;
      cells.push({ ...result, index });
    }
  } finally {
    if (!options.runner) await runner.close();
  }
  return { notebook, cells, failed: cells.filter((c) => c.status !== "ok").length };
}

// nbformat 4.5 wants a unique id on every cell; older notebooks get one, as nbformat's upgrade does.
function upgrade(nb: Notebook): Notebook {
  const seen = new Set<string>();
  for (const cell of nb.cells) {
    if (typeof cell.id !== "string" || seen.has(cell.id)) cell.id = randomBytes(4).toString("hex");
    seen.add(cell.id);
  }
  nb.nbformat_minor = Math.max(nb.nbformat_minor, 5);
  nb.metadata = {
    ...nb.metadata,
    language_info: { name: "typescript", file_extension: ".ts", mimetype: "text/typescript" },
  };
  return nb;
}
