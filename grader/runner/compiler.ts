import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import type { ConvertResult } from "tslab/dist/converter";
import { libraryEntry as defaultLibraryEntry, packageRoot } from "../../kernel/paths";
import { sandboxReads } from "./child-process";

// Parent-side compilation for runners started with `compiler`: one warm tslab converter in a
// worker thread, shared by the runners handed this compiler, one cell at a time. A worker thread
// (not the grading thread) so a cell whose types take forever to check can be stopped at the
// cell's time limit and a memory-hungry one cannot take the grading process down.

/** What the worker is started with. */
export interface CompilerWorkerData {
  libraryEntry: string;
  /** An empty folder beside the scratch folders: the converter compiles as if cells lived there. */
  root: string;
  /** The only files and folders (ending in a separator) the compiler may read; null: any. */
  readable: string[] | null;
}

/** How a CellCompiler is set up. */
export interface CellCompilerOptions {
  libraryEntry?: string;
  /** Heap limit of the compiler's thread in MB (default 2048). */
  memoryMb?: number;
  /**
   * Read only what the runners' sandbox lets a child read (a cell's `import "/abs/file.json"`
   * must not reveal a file the child could not open); required for sandboxed runners.
   */
  sandbox?: { readPaths?: string[]; setup?: string };
}

/** Parent → worker. */
export type CompileRequest = { id: number; prevDecl: string; src: string };

/**
 * How a cell is to be compiled: converted here; "none" (a browser-mode cell tslab does not
 * compile); or "child" (a `@module` cell, local modules, or a compile that failed or ran out of
 * time here): the child compiles this cell and every later one itself, exactly as without a compiler.
 */
export type Compiled = { kind: "converted"; result: ConvertResult } | { kind: "none" } | { kind: "child"; reason: string };

/** Worker → parent. */
export type CompileReply = { type: "compiled"; id: number; compiled: Compiled };
type WorkerMessage = CompileReply | { type: "ready"; prelude: ConvertResult | null };

/** The compiled worker entry. */
export const compilerWorkerEntry = path.join(packageRoot, "dist", "grader", "runner", "compiler-worker.js");

/** A warm TypeScript converter for runners (RunnerOptions.compiler); close() it when done. */
export class CellCompiler {
  private worker: Worker | null = null;
  private booting: Promise<Worker | null> | null = null;
  private firstPrelude: ConvertResult | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 0;
  private closed = false;
  /** Set when a thread never got ready (e.g. dist/ is incomplete): no more attempts then. */
  private broken = false;
  private readonly preludeResult: Promise<ConvertResult | null>;
  /** Cells compiled here, and cells handed back to the child (Compiled "child"). */
  readonly counts = { converted: 0, child: 0 };

  /** Starts the worker at once (about a second of CPU); `memoryMb` bounds its heap (default 2048). */
  constructor(readonly options: CellCompilerOptions = {}) {
    this.preludeResult = this.boot().then((w) => (w ? this.firstPrelude : null));
  }

  /** The library entry cells are compiled against. */
  get libraryEntry(): string {
    return this.options.libraryEntry ?? defaultLibraryEntry;
  }

  /** The prelude's conversion; null if the compiler could not start (children then compile). */
  prelude(): Promise<ConvertResult | null> {
    return this.preludeResult;
  }

  /** Compile `src` after the declarations `prevDecl`, taking at most `timeoutMs`. */
  compile(prevDecl: string, src: string, timeoutMs: number): Promise<Compiled> {
    const run = this.queue.then(async () => {
      const compiled = await this.compileNow(prevDecl, src, timeoutMs);
      if (compiled.kind !== "none") this.counts[compiled.kind]++;
      return compiled;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Stop the worker and remove its folder. */
  async close(): Promise<void> {
    this.closed = true;
    await this.booting;
    await this.stop();
  }

  private async compileNow(prevDecl: string, src: string, timeoutMs: number): Promise<Compiled> {
    const worker = this.closed || this.broken ? null : this.worker ?? (await (this.booting ?? this.boot()));
    if (!worker) return { kind: "child", reason: "the compiler is not running" };
    const id = ++this.nextId;
    return new Promise<Compiled>((resolve) => {
      const done = (compiled: Compiled) => {
        clearTimeout(timer);
        worker.off("message", onMessage).off("exit", onExit);
        resolve(compiled);
      };
      const onMessage = (m: WorkerMessage) => m.type === "compiled" && m.id === id && done(m.compiled);
      const onExit = () => done({ kind: "child", reason: "the compiler stopped" });
      const timer = setTimeout(() => {
        done({ kind: "child", reason: `compiling took longer than ${timeoutMs} ms` });
        void this.stop();
      }, timeoutMs);
      worker.on("message", onMessage).once("exit", onExit);
      worker.postMessage({ id, prevDecl, src } satisfies CompileRequest);
    });
  }

  private boot(): Promise<Worker | null> {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "gradlab-compile-"));
    const worker = new Worker(compilerWorkerEntry, {
      workerData: { libraryEntry: this.libraryEntry, root, readable: this.readable(root) } satisfies CompilerWorkerData,
      resourceLimits: { maxOldGenerationSizeMb: this.options.memoryMb ?? 2048 },
      stdout: true,
      stderr: true,
    });
    // TypeScript's and tslab's console notes are not the grader's output.
    worker.stdout.resume();
    worker.stderr.resume();
    let ready = false;
    this.booting = new Promise<Worker | null>((resolve) => {
      worker.once("message", (m: WorkerMessage) => {
        if (m.type === "ready" && this.firstPrelude === null) this.firstPrelude = m.prelude;
        ready = true;
        this.worker = worker;
        resolve(worker);
      });
      const failed = () => {
        if (!ready) this.broken = true;
        resolve(null);
      };
      worker.once("error", failed);
      worker.once("exit", () => {
        fs.rmSync(root, { recursive: true, force: true });
        failed();
        if (this.worker === worker) this.worker = null;
      });
    }).finally(() => (this.booting = null));
    return this.booting;
  }

  private readable(root: string): string[] | null {
    const { sandbox } = this.options;
    return sandbox ? sandboxReads({ cwd: root, libraryEntry: this.libraryEntry, ...sandbox }) : null;
  }

  private async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }
}
