import type { CellConversion } from "../../kernel/cells/types";
import { libraryEntry as defaultLibraryEntry } from "../../kernel/paths";
import { crashError, protocolError, residentMb, timeoutError } from "./cell-failures";
import { type SpawnedChild, spawnChild } from "./child-process";
import type { ExecuteOptions, ExecuteResult, RunnerOptions } from "./options";
import type { FromChild } from "./protocol";

export type { ExecuteOptions, ExecuteResult, RunnerOptions } from "./options";

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

  /** The pid of node in the current child (inside a sandbox it is not the spawned process), once it exists. */
  nodePid(): number | null {
    return this.child.nodePid();
  }

  /** The key the setup module's records are sealed with ("" without one). */
  get harnessKey(): string {
    return this.options.harnessKey ?? "";
  }

  /** Resolves with the child's startup time in ms once the prelude ran; rejects if it failed. */
  get ready(): Promise<number> {
    return this.child.ready;
  }

  /** Run one cell after the previous ones; a dead child is replaced first (its state is lost). */
  execute(code: string, options: ExecuteOptions = {}): Promise<ExecuteResult> {
    const run = this.queue.then(() => this.executeNow(code, options.timeoutMs ?? this.options.timeoutMs ?? 60_000, options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Stop the child: its channel closes, and its process group is killed if it is still there after 2 s. */
  async close(): Promise<void> {
    const spawned = this.child;
    const child = spawned.process;
    if (spawned.exited()) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    (child.stdio[3] as { end?: () => void } | null)?.end?.();
    const timer = setTimeout(() => spawned.signal("SIGKILL"), 2000);
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
      ...(o.harnessKey && { key: o.harnessKey }),
      ...(o.seed !== undefined && { seed: o.seed }),
      ...(o.signal && { signal: o.signal }),
      ...(o.compiler && { compile: "parent" as const }),
    });
    void o.compiler?.prelude().then((converted) => spawned.send({ type: "prelude", converted }));
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

  private async executeNow(code: string, timeoutMs: number, { test, cell }: ExecuteOptions): Promise<ExecuteResult> {
    if (this.child.exited() || this.child.violation !== null) this.child = this.spawn();
    await this.child.ready;
    const spawned = this.child;
    const id = ++this.nextId;
    await this.options.compiler?.started();
    const started = performance.now();
    const converted = await this.convert(code, timeoutMs);
    let timedOut = false;
    let outOfMemory = false;
    let began = false;
    const memoryMb = this.options.memoryMb ?? 2048;
    const timers = [
      setTimeout(() => {
        timedOut = true;
        spawned.signal("SIGINT");
        timers.push(setTimeout(() => spawned.signal("SIGKILL"), GRACE_MS));
      }, timeoutMs),
      setInterval(() => {
        if (residentMb(spawned.nodePid() ?? undefined) > memoryMb + RSS_HEADROOM_MB) {
          outOfMemory = true;
          spawned.signal("SIGKILL");
        }
      }, 200),
    ];
    const offs: (() => void)[] = [];
    try {
      type Exit = { type: "exit"; code: number | null; signal: string | null };
      const message = await new Promise<Extract<FromChild, { type: "result" }> | Exit>((resolve) => {
        offs.push(spawned.onMessage((m) => {
          if (m.type === "started" && m.id === id) began = true;
          if (m.type === "result" && m.id === id) resolve(m);
        }));
        const onExit = (code: number | null, signal: string | null) => resolve({ type: "exit", code, signal });
        spawned.process.once("exit", onExit);
        offs.push(() => spawned.process.off("exit", onExit));
        // The child may have died while this cell was being compiled: its exit event is gone then.
        if (spawned.exited()) onExit(spawned.process.exitCode, spawned.process.signalCode);
        spawned.send({ type: "execute", id, code, ...(cell !== undefined && { cell }), ...(converted !== undefined && { converted }), ...(test && { test }) });
      });
      const ms = performance.now() - started;
      if (message.type === "result") {
        if (spawned.decl !== null) spawned.decl = message.decl ?? null;
        const { status, outputs, executionCount, messages } = message;
        const done = { executionCount, ms, messages, started: true, pending: message.pending ?? [], lost: false };
        if (!timedOut || status === "ok") return { status, outputs, ...done, ...(message.error && { error: message.error }) };
        const error = timeoutError(timeoutMs);
        const kept = outputs.filter((o) => o.output_type !== "error");
        return { status: "timeout", outputs: [...kept, { output_type: "error", ...error }], ...done, error };
      }
      const lost = { executionCount: null, ms, messages: [], started: began, pending: [], lost: true };
      if (spawned.violation !== null) {
        const error = protocolError(spawned.violation);
        return { status: "violated", outputs: [{ output_type: "error", ...error }], ...lost, error };
      }
      const oom = outOfMemory || /heap limit|out of memory/i.test(spawned.stderrTail());
      const error = timedOut && !oom ? timeoutError(timeoutMs) : crashError(message, oom, memoryMb);
      return { status: timedOut && !oom ? "timeout" : "crashed", outputs: [{ output_type: "error", ...error }], ...lost, error };
    } finally {
      for (const timer of timers) clearTimeout(timer);
      for (const off of offs) off();
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
