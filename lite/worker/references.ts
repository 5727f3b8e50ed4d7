import type { Reference, ReferenceLookup, ReferenceSource } from "../../src/check/index";
import { workerMsg } from "./messages";

// Where check() finds a public test's references in the browser kernel. A released test cell keeps
// them in its metadata (gradlab.references), and JupyterLab sends a cell's metadata with its
// execute request, so the worker reads them from the request of the cell that runs (the Node
// kernel reads the same metadata from the saved notebook file: kernel/references.ts).

type CellTest = { test: string; references: Reference[] };

const asCellTest = (meta: unknown): CellTest | null => {
  const m = meta as { test?: unknown; references?: unknown } | null;
  return typeof m?.test === "string" && Array.isArray(m.references) ? (m as CellTest) : null;
};

/** A reference source over the running cell's `gradlab` metadata, and the setter the worker calls as each cell starts. */
export function cellReferences(): { source: ReferenceSource; setCell(meta: unknown): void } {
  let cell: CellTest | null = null;
  return {
    source: (test: string): ReferenceLookup => (cell?.test === test ? { references: cell.references } : { problem: workerMsg.noCellReferences }),
    setCell(meta) {
      cell = asCellTest(meta);
    },
  };
}
