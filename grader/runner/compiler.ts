import * as fs from "node:fs";
import type { CellConversion } from "../../kernel/cells/types";
import { CompilerWorker, threadChannel } from "../../kernel/compiler-client";
import { libraryEntry as defaultLibraryEntry } from "../../kernel/paths";
import { sandboxReads } from "./child-process";
import { keepPrelude, preludeCacheDir, readPrelude } from "./prelude-cache";
import { makeTempDir } from "./temp-dirs";

// Parent-side compilation for runners started with `compiler`: one warm compiler thread (the
// kernel's, kernel/compiler-client.ts), shared by the runners handed this compiler, one cell at a
// time. A thread, not the grading thread, so a cell whose types take forever to check can be
// stopped at the cell's time limit and a memory-hungry one cannot take the grading process down.

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
  /**
   * Take the prelude's conversion from this compiler (of the same library) instead of converting it
   * again: a batch's second and later compilers start with ~0.35 s less CPU each.
   */
  sharePreludeOf?: CellCompiler;
  /** Where the prelude's conversion is kept between batches (prelude-cache.ts); null: nowhere. */
  preludeCache?: string | null;
}

/**
 * How a cell is to be compiled: converted here, or "child" (a `@module` cell, local modules, or a
 * compile that failed or ran out of time here): the child compiles this cell and every later one
 * itself, exactly as without a compiler.
 */
export type Compiled = { kind: "converted"; result: CellConversion } | { kind: "child"; reason: string };

/** A warm TypeScript compiler for runners (RunnerOptions.compiler); close() it when done. */
export class CellCompiler {
  private worker: CompilerWorker | null = null;
  /** The thread being started (it may take seconds on a loaded machine: close() does not wait for it). */
  private starting: CompilerWorker | null = null;
  private booting: Promise<CompilerWorker | null> | null = null;
  private firstPrelude: CellConversion | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private waiting = 0;
  private closed = false;
  /** Set when a thread never got ready (e.g. dist/ is incomplete): no more attempts then. */
  private broken = false;
  private readonly preludeResult: Promise<CellConversion | null>;
  /** Cells compiled here, and cells handed back to the child (Compiled "child"). */
  readonly counts = { converted: 0, child: 0 };

  /** Starts the worker at once (about a second of CPU); `memoryMb` bounds its heap (default 2048). */
  constructor(readonly options: CellCompilerOptions = {}) {
    const shared = options.sharePreludeOf;
    if (shared && shared.libraryEntry !== this.libraryEntry) {
      throw new Error(`A compiler for ${this.libraryEntry} cannot share the prelude of one for ${shared.libraryEntry}.`);
    }
    const cache = options.preludeCache === undefined ? preludeCacheDir : options.preludeCache;
    // A kept prelude lets children start before any compiler thread is ready.
    const kept = shared || cache === null ? null : readPrelude(cache, this.libraryEntry);
    this.firstPrelude = kept;
    const booted = this.boot().then((w) => {
      if (w && !shared && !kept && cache !== null && this.firstPrelude) keepPrelude(cache, this.libraryEntry, this.firstPrelude);
      return w;
    });
    // Without a thread of its own the cells go back to the child (Compiled "child"), as after a failed compile.
    this.preludeResult = kept ? Promise.resolve(kept) : shared ? shared.prelude() : booted.then((w) => (w ? this.firstPrelude : null));
  }

  /** The library entry cells are compiled against. */
  get libraryEntry(): string {
    return this.options.libraryEntry ?? defaultLibraryEntry;
  }

  /** The prelude's conversion; null if the compiler could not start (children then compile). */
  prelude(): Promise<CellConversion | null> {
    return this.preludeResult;
  }

  /** Settles once no thread is being started (a runner's cell times exclude that wait: it is the batch's start, not the cell's compile). */
  async started(): Promise<void> {
    await this.booting;
  }

  /** Compiles asked for and not finished (the one running and those queued behind it). */
  get pending(): number {
    return this.waiting;
  }

  /** Compile `src` after the declarations `prevDecl`, taking at most `timeoutMs`. */
  compile(prevDecl: string, src: string, timeoutMs: number): Promise<Compiled> {
    this.waiting++;
    const run = this.queue.then(async () => {
      const compiled = await this.compileNow(prevDecl, src, timeoutMs);
      this.counts[compiled.kind]++;
      return compiled;
    });
    this.queue = run.catch(() => undefined).finally(() => this.waiting--);
    return run;
  }

  /** Stop the worker (one still starting too) and remove its folder. */
  async close(): Promise<void> {
    this.closed = true;
    await this.starting?.close();
    await this.booting;
    await this.stop();
  }

  private async compileNow(prevDecl: string, src: string, timeoutMs: number): Promise<Compiled> {
    const worker = this.closed || this.broken ? null : this.worker ?? (await (this.booting ?? this.boot()));
    if (!worker) return { kind: "child", reason: "the compiler is not running" };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<Compiled>((resolve) => {
      timer = setTimeout(() => {
        void this.stop();
        resolve({ kind: "child", reason: `compiling took longer than ${timeoutMs} ms` });
      }, timeoutMs);
    });
    const compiled = worker.convert(prevDecl, src).then(
      (reply): Compiled => ("delegate" in reply ? { kind: "child", reason: reply.delegate } : { kind: "converted", result: reply.conversion }),
      (err: Error): Compiled => ({ kind: "child", reason: err.message }),
    );
    return Promise.race([compiled, timeout]).finally(() => clearTimeout(timer));
  }

  private boot(): Promise<CompilerWorker | null> {
    const root = makeTempDir("compile");
    const { sandbox } = this.options;
    const readable = sandbox ? sandboxReads({ cwd: root, libraryEntry: this.libraryEntry, ...sandbox }) : null;
    // A kept prelude, or a restarted thread (after a compile over its time limit), needs no conversion.
    const prelude = this.options.sharePreludeOf === undefined && this.firstPrelude === null;
    const worker = new CompilerWorker(threadChannel({ libraryEntry: this.libraryEntry, root, readable, delegateLocal: true, warmUp: "before", prelude, parentPid: null }, this.options.memoryMb));
    this.starting = worker;
    void worker.exited.then(() => {
      fs.rmSync(root, { recursive: true, force: true });
      if (this.worker === worker) this.worker = null;
    });
    this.booting = worker.ready
      .then((prelude) => {
        if (this.firstPrelude === null && prelude !== null) this.firstPrelude = prelude.diagnostics.length === 0 ? prelude : null;
        this.worker = worker;
        return worker;
      })
      .catch(() => {
        this.broken = true;
        return null;
      })
      .finally(() => {
        this.booting = null;
        this.starting = null;
      });
    return this.booting;
  }

  private async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.close();
  }
}
