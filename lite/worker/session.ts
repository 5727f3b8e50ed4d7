import { createCellSession } from "../../kernel/cells/session";
import type { CellOutcome } from "../../kernel/cells/types";
import { preludeSource } from "../../kernel/library-module";
import type { CompleteReply, InspectReply } from "../kernel/protocol";
import type { InterruptFlag } from "../../kernel/cells/interrupt-flag";
import { createBrowserHost } from "./browser-host";
import { createWorkerCompiler } from "./compiler";
import { libraryEntry, loadHooks, loadLibrary } from "./library";
import { workerMsg } from "./messages";
import { cellReferences } from "./references";

// The browser kernel's session: the cell-semantics core (kernel/cells/, the one the Node kernel,
// the runner and the grader use) on the worker's host, compiling in this thread with the same
// compile step and prelude as the Node kernel (kernel/session.ts is its Node counterpart).

/** A live cell session inside the worker. */
export interface WorkerSession {
  /** Compile and run one cell, numbered `cell` (its execution count) in tracebacks; `test` is its `gradlab` metadata. */
  execute(code: string, cell: number, test: unknown): Promise<CellOutcome>;
  complete(code: string, cursor: number): CompleteReply;
  inspect(code: string, cursor: number): InspectReply;
  /** Stops the cell that is running or waiting (a running loop stops on the shared flag). */
  interrupt(): void;
}

/** Builds the converter over the mounted file image and runs the prelude; `phase` times both. */
export async function startWorkerSession(phase: (name: string) => void, interrupts: InterruptFlag | null): Promise<WorkerSession> {
  const compiler = createWorkerCompiler();
  phase("converter");
  const hooksEntry = libraryEntry.replace(/index\.js$/, "hooks.js");
  const prelude = preludeSource(libraryEntry, (file) => (file === libraryEntry ? loadLibrary() : file === hooksEntry ? loadHooks() : null));
  const cells = createCellSession({ host: createBrowserHost(interrupts), compile: async (declarations, code) => compiler.convert(declarations, code) });
  const ran = await cells.execute(prelude, 0);
  phase("prelude");
  if (ran.status === "error") throw new Error(workerMsg.preludeFailed(ran.error.evalue));
  // check() as in the Node kernel (kernel/session.ts): a cell starting `// @test ID` compares with test ID's references.
  const hooks = loadHooks();
  const references = cellReferences();
  hooks.setReferenceSource(references.source);
  return {
    execute: (code, cell, test) => {
      references.setCell(test);
      hooks.beginCheckCell(code);
      return cells.execute(code, cell);
    },
    complete(code, cursor) {
      const info = compiler.complete(cells.declarations, code, cursor);
      return { matches: info.candidates, cursor_start: info.start, cursor_end: info.end };
    },
    inspect(code, cursor) {
      const text = compiler.inspect(cells.declarations, code, cursor);
      return text ? { found: true, data: { "text/plain": text } } : { found: false, data: {} };
    },
    interrupt: () => cells.interrupt(),
  };
}
