import * as fs from "node:fs";
import * as path from "node:path";
import type { CompletionInfo } from "./tslab";
import { type CellSession, createCellSession, type ExecuteHooks } from "./cells/session";
import type { InterruptFlag } from "./cells/interrupt-flag";
import type { CellConversion, CellError, CellOutcome } from "./cells/types";
import { CompilerWorker, type CompilerWorkerData, threadChannel } from "./compiler-client";
import { buildSnapshotInBackground, discardSnapshot, freshSnapshot, snapshotChannel } from "./compiler-snapshot-file";
import { cellCompilerOptions } from "./compiler-options";
import { preludeSource, resolveGradlabTo } from "./library-module";
import { createNodeHost } from "./node-host";
import { captureProcessOutput, clearOutput, libraryDisplay, tslabDisplay } from "./output";
import { parentPid } from "./parent-watch";
import { libraryEntry as defaultLibraryEntry, nodeTypeRoots } from "./paths";
import { notebookReferenceSource } from "./references";
import type { IsComplete } from "./is-complete";
import { createTslabCompiler, installCompilerOptions, isComplete, setTslabDisplayWriter, tslabModule } from "./tslab";

// The cell-semantics core (cells/) on Node with gradlab preloaded: what the kernel and the
// runner's child both drive, so a notebook compiles and runs the same in JupyterLab and headless.
// The notebook's folder is the process's cwd: imports of local files resolve from there.

/** Where a session's cells are compiled. */
export interface CompileBackend {
  /** The prelude's conversion (the first thing a session runs). */
  prelude(): Promise<CellConversion>;
  convert(declarations: string, src: string): Promise<CellConversion>;
  complete(declarations: string, src: string, position: number): Promise<CompletionInfo>;
  inspect(declarations: string, src: string, position: number): Promise<string | null>;
  isComplete(src: string): Promise<IsComplete>;
  close(): void;
}

/** How to build a session. */
export interface SessionOptions {
  /** The compiled library to preload; gradlab's dist/src/index.js unless a test passes a fake. */
  libraryEntry?: string;
  /** Where cells compile (default: a compiler worker thread). */
  backend?: (libraryEntry: string) => CompileBackend;
  /** Load the library only once this settles (the compiler starts at once regardless). */
  begin?: Promise<void>;
  /** The flag Interrupts raise (the kernel's control thread); without it cells stop on SIGINT. */
  interrupts?: InterruptFlag;
}

/** A notebook's live session with gradlab preloaded. */
export interface Session {
  /** Compile and run one cell, numbered `cell` in tracebacks; resolves once its result is rendered. */
  execute(code: string, cell: number, hooks?: ExecuteHooks): Promise<CellOutcome>;
  /** Stop the cell that is compiling, running or waiting, and everything it started. */
  interrupt(): void;
  complete(code: string, cursor: number): Promise<CompletionInfo>;
  /** The signature and documentation at the cursor (or of the call it is in), as text. */
  inspect(code: string, cursor: number): Promise<string | null>;
  /** tslab's is-complete answer (TypeScript's parser runs where the compiler does). */
  isComplete(code: string): Promise<IsComplete>;
  /** The declarations the next cell compiles against. */
  readonly declarations: string;
  /** An error no cell caught (a timer's callback, an unawaited promise), with cell-and-line frames. */
  describe(thrown: unknown): CellError;
  close(): void;
}

/**
 * The kernel's choice: compiles off the main thread, so its sockets answer while TypeScript
 * starts; in a process restored from the compiler's startup snapshot when a fresh one exists, else
 * in a worker thread (and a snapshot is built in the background for the next start).
 */
export function workerBackend(libraryEntry: string): CompileBackend {
  const data: CompilerWorkerData = { libraryEntry, root: null, readable: null, delegateLocal: false, warmUp: "idle", prelude: true, parentPid: parentPid() };
  const blob = freshSnapshot(libraryEntry);
  const restoreFailed = () => {
    discardSnapshot(libraryEntry);
    return threadChannel(data);
  };
  const worker = blob ? new CompilerWorker(snapshotChannel(blob), restoreFailed) : new CompilerWorker(threadChannel(data));
  if (!blob) void worker.ready.then(() => buildSnapshotInBackground(libraryEntry), () => undefined);
  const converted = async (declarations: string, src: string) => {
    const reply = await worker.convert(declarations, src);
    if ("delegate" in reply) throw new Error(`The compiler could not take this cell (${reply.delegate}).`);
    return reply.conversion;
  };
  return {
    prelude: async () => (await worker.ready)!,
    convert: converted,
    complete: (d, s, p) => worker.complete(d, s, p),
    inspect: (d, s, p) => worker.inspect(d, s, p),
    isComplete: (s) => worker.isComplete(s),
    close: () => void worker.close(),
  };
}

/** Compiles in this thread (a runner child: the permission model forbids worker threads there). */
export function threadBackend(libraryEntry: string): CompileBackend {
  installCompilerOptions(cellCompilerOptions(libraryEntry, nodeTypeRoots()));
  const compiler = createTslabCompiler();
  const prelude = compiler.convert("", preludeSource(libraryEntry));
  return {
    prelude: async () => prelude,
    convert: async (d, s) => {
      const conversion = compiler.convert(d, s);
      // An interrupt signal that came while compiling blocked this thread is handled before the cell runs.
      await new Promise((resolve) => setImmediate(resolve));
      return conversion;
    },
    complete: async (d, s, p) => compiler.complete(d, s, p),
    inspect: async (d, s, p) => compiler.inspect(d, s, p),
    isComplete: async (s) => isComplete(s),
    close: () => compiler.close(),
  };
}

/** Check the library is built and route `gradlab` imports to it. */
export function prepareLibrary(libraryEntry: string = defaultLibraryEntry): string {
  if (!fs.existsSync(libraryEntry)) {
    throw new Error(`The gradlab library is not built: ${libraryEntry} does not exist. Run \`npm run build\` first.`);
  }
  resolveGradlabTo(libraryEntry);
  return libraryEntry;
}

type Hooks = { setDisplaySink?(sink: typeof libraryDisplay | null): void; setClearSink?(sink: typeof clearOutput | null): void };
type Holder = { exports: object; require: (id: string) => unknown };

/** Build a session on `backend` (default: a compiler worker) and run the prelude. */
export async function createSession(options: SessionOptions = {}): Promise<Session> {
  const entry = prepareLibrary(options.libraryEntry);
  const backend = (options.backend ?? workerBackend)(entry);
  await options.begin;
  const interrupts = options.interrupts;
  const host = createNodeHost({ cwd: process.cwd(), tslab: tslabModule, ...(interrupts && { interrupts }) });
  const prelude = preludeSource(entry);
  let preluded = false;
  // Cells run with tslab's holder, as under tslab's own executor: the grading harness wraps its
  // `exports` (grader/harness/tslab-holder.ts) so a cell cannot replace `check`.
  let holder: Holder = { exports: {}, require: host.require };
  const global = globalThis as { __tslab__?: Holder };
  const cells: CellSession = createCellSession({
    host,
    compile: (declarations, code) => {
      if (!preluded && code === prelude) return backend.prelude();
      return backend.convert(declarations, code);
    },
    scope: () => global.__tslab__ ?? holder,
  });
  holder = { exports: cells.exports, require: host.require };
  global.__tslab__ = holder;
  captureProcessOutput();
  wireDisplays(entry);
  const beginCheckCell = wireChecks(entry);
  const ran = await cells.execute(prelude, 0);
  preluded = true;
  if (ran.status === "error") throw new Error(`The gradlab prelude failed: ${ran.error.evalue}`);
  return {
    execute: async (code, cell, hooks) => {
      beginCheckCell(code);
      // An Interrupt that came while no cell ran is dropped; one that stopped this cell is spent.
      interrupts?.settle();
      try {
        return await cells.execute(code, cell, hooks);
      } finally {
        interrupts?.settle();
      }
    },
    interrupt: () => cells.interrupt(),
    complete: (code, cursor) => backend.complete(cells.declarations, code, cursor),
    inspect: (code, cursor) => backend.inspect(cells.declarations, code, cursor),
    isComplete: (code) => backend.isComplete(code),
    get declarations() {
      return cells.declarations;
    },
    describe: (thrown) => cells.describe(thrown),
    close: () => backend.close(),
  };
}

/** Let check() read references from the notebook file; the returned hook tells it which cell runs. */
function wireChecks(entry: string): (code: string) => void {
  const lib = require(entry) as Partial<Pick<typeof import("../src/index"), "setReferenceSource" | "beginCheckCell">>;
  lib.setReferenceSource?.(notebookReferenceSource());
  return (code) => lib.beginCheckCell?.(code);
}

/** Send the library's show()/progress()/clearOutput() and tslab's display API to the output channel. */
function wireDisplays(entry: string): void {
  const hooksFile = path.join(path.dirname(entry), "hooks.js");
  const hooks = (fs.existsSync(hooksFile) ? require(hooksFile) : {}) as Hooks;
  hooks.setDisplaySink?.(libraryDisplay);
  hooks.setClearSink?.(clearOutput);
  setTslabDisplayWriter(tslabDisplay as never);
}

