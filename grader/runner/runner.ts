import type { CellConversion, CellError } from "../../kernel/cells/types";
import { libraryEntry as defaultLibraryEntry } from "../../kernel/paths";
import { crashError, residentMb, timeoutError } from "./cell-failures";
import type { CellCompiler } from "./compiler";
import { type SandboxOptions, type SpawnedChild, spawnChild } from "./child-process";
import type { FromChild, NbOutput } from "./protocol";

/** How a runner's child is started and how long a cell may run. */
export interface RunnerOptions {
  /** The notebook's folder (the grader: a scratch folder); cells resolve local files from here. */
  cwd: string;
  /** Default per-cell time limit; then SIGINT, and SIGKILL after a 1 s grace. Default 60 s. */
  timeoutMs?: number;
  /** V8 heap limit of the child in MB (default 2048); resident memory may exceed it by 512 MB. */
  memoryMb?: number;
  /** Output kept per cell, in characters (default 1 MiB); the rest is dropped with a note. */
  maxOutputBytes?: number;
  /** Confine the child with Node's permission model: reads and writes limited, no subprocesses. */
  sandbox?: SandboxOptions;
  /** Extra environment variables (added to the parent's, or to a bare PATH when sandboxed). */
  env?: Record<string, string>;
  /** The compiled library to preload; only tests pass a different one. */
  libraryEntry?: string;
  /**
   * Absolute path of a CommonJS module run in the child before the first cell: its `setup(context)`
   * export receives `{ emit(record), libraryEntry }` (SetupContext); records it emits while a cell
   * runs come back in that cell's `messages`. The grader connects `check()` this way.
   */
  setup?: string;
  /**
   * Compile cells in this (the parent) process with a warm converter shared across runners; the
   * child only runs the conversions it is sent (same outputs, no ~0.7 s
   * converter build per child). The child's cwd should hold no TypeScript sources: cells compile
   * as if in an empty folder of the same temp root. Cells the compiler cannot take (`@module`,
   * a compile over the time limit) make that child compile for itself from then on.
   */
  compiler?: CellCompiler;
}

/** What one cell did. */
export interface ExecuteResult {
  /** ok, error (the cell threw or did not compile), timeout (interrupted or killed), crashed (the process died). */
  status: "ok" | "error" | "timeout" | "crashed";
  /** nbformat 4 outputs, in order, bounded by maxOutputBytes. */
  outputs: NbOutput[];
  /** The cell's execution count in its process (restarts at 1 after a crash); null if it never ran. */
  executionCount: number | null;
  ms: number;
  error?: CellError;
  /** Records emitted through the setup module's `emit` while this cell ran, in order. */
  messages: unknown[];
}

const GRACE_MS = 1000;
const RSS_HEADROOM_MB = 512;

/** One child process executing a notebook's cells in order. */
export class Runner {
  private child: SpawnedChild;
  private nextId = 0;
  private queue: Promise<unknown> = Promise.resolve();

  /** Use startRunner(), or RunnerPool.acquire() for a pre-started one. */
  constructor(readonly options: RunnerOptions) {
    if (options.sandbox && options.compiler && !options.compiler.options.sandbox) {
      throw new Error("A sandboxed runner needs a compiler that reads only what its child may: new CellCompiler({ sandbox: { readPaths, setup } }).");
    }
    const entry = options.libraryEntry ?? defaultLibraryEntry;
    if (options.compiler && options.compiler.libraryEntry !== entry) {
      throw new Error(`This runner loads ${entry} but its compiler compiles against ${options.compiler.libraryEntry}: give both the same libraryEntry.`);
    }
    this.child = this.spawn();
  }

  /** Resolves with the child's startup time in ms once the prelude ran; rejects if it failed. */
  get ready(): Promise<number> {
    return this.child.ready;
  }

  /**
   * Run one cell after the previous ones; a dead child is replaced first (its state is lost).
   * `cell` numbers it in errors and tracebacks (default: its execution count).
   */
  execute(code: string, options: { timeoutMs?: number; cell?: number } = {}): Promise<ExecuteResult> {
    const run = this.queue.then(() => this.executeNow(code, options.timeoutMs ?? this.options.timeoutMs ?? 60_000, options.cell));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Stop the child. */
  async close(): Promise<void> {
    const child = this.child.process;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.disconnect();
    const timer = setTimeout(() => child.kill("SIGKILL"), 2000);
    await exited;
    clearTimeout(timer);
  }

  private spawn(): SpawnedChild {
    const o = this.options;
    const spawned = spawnChild({
      cwd: o.cwd,
      memoryMb: o.memoryMb ?? 2048,
      maxOutputBytes: o.maxOutputBytes ?? 1 << 20,
      sandbox: o.sandbox,
      env: o.env,
      libraryEntry: o.libraryEntry,
      setup: o.setup,
      ...(o.compiler && { compile: "parent" as const }),
    });
    void o.compiler?.prelude().then((converted) => {
      if (spawned.process.connected) spawned.process.send({ type: "prelude", converted });
    });
    return spawned;
  }

  /** The parent's conversion of `code` for the current child: undefined without a compiler, null if the child compiles it. */
  private async convert(code: string, timeoutMs: number): Promise<CellConversion | null | undefined> {
    const { compiler } = this.options;
    if (!compiler) return undefined;
    const decl = this.child.decl;
    if (decl === null) return null;
    const compiled = await compiler.compile(decl, code, timeoutMs);
    if (compiled.kind === "child") this.child.decl = null;
    return compiled.kind === "converted" ? compiled.result : null;
  }

  private async executeNow(code: string, timeoutMs: number, cell: number | undefined): Promise<ExecuteResult> {
    const { process: dead } = this.child;
    if (dead.exitCode !== null || dead.signalCode !== null || !dead.connected) this.child = this.spawn();
    await this.child.ready;
    const spawned = this.child;
    const child = spawned.process;
    const id = ++this.nextId;
    const started = performance.now();
    const converted = await this.convert(code, timeoutMs);
    let timedOut = false;
    let outOfMemory = false;
    const timers = [
      setTimeout(() => {
        timedOut = true;
        child.kill("SIGINT");
        timers.push(setTimeout(() => child.kill("SIGKILL"), GRACE_MS));
      }, timeoutMs),
      setInterval(() => {
        if (residentMb(child.pid) > (this.options.memoryMb ?? 2048) + RSS_HEADROOM_MB) {
          outOfMemory = true;
          child.kill("SIGKILL");
        }
      }, 200),
    ];
    try {
      type Exit = { type: "exit"; code: number | null; signal: string | null };
      const message = await new Promise<Extract<FromChild, { type: "result" }> | Exit>((resolve) => {
        const onMessage = (m: FromChild) => m.type === "result" && m.id === id && resolve(m);
        child.on("message", onMessage);
        child.once("exit", (code, signal) => resolve({ type: "exit", code, signal }));
        child.send({ type: "execute", id, code, ...(cell !== undefined && { cell }), ...(converted !== undefined && { converted }) });
      });
      const ms = performance.now() - started;
      if (message.type === "result") {
        if (spawned.decl !== null) spawned.decl = message.decl ?? null;
        const { status, outputs, executionCount, messages } = message;
        if (!timedOut || status === "ok") return { status, outputs, executionCount, ms, messages, ...(message.error && { error: message.error }) };
        const error = timeoutError(timeoutMs);
        const kept = outputs.filter((o) => o.output_type !== "error");
        return { status: "timeout", outputs: [...kept, { output_type: "error", ...error }], executionCount, ms, error, messages };
      }
      const oom = outOfMemory || /heap limit|out of memory/i.test(this.child.stderrTail());
      const error = timedOut && !oom ? timeoutError(timeoutMs) : crashError(message, oom, this.options.memoryMb ?? 2048);
      return { status: timedOut && !oom ? "timeout" : "crashed", outputs: [{ output_type: "error", ...error }], executionCount: null, ms, error, messages: [] };
    } finally {
      for (const timer of timers) clearTimeout(timer);
      child.removeAllListeners("message");
      child.removeAllListeners("exit");
    }
  }
}

/** Start a runner and wait until its child is ready. */
export async function startRunner(options: RunnerOptions): Promise<Runner> {
  const runner = new Runner(options);
  try {
    await runner.ready;
  } catch (err) {
    await runner.close();
    throw err;
  }
  return runner;
}
