import * as path from "node:path";
import { Worker } from "node:worker_threads";
import type { CompletionInfo } from "./tslab";
import type { CellConversion } from "./cells/types";
import type { IsComplete } from "./is-complete";
import { packageRoot } from "./paths";

// The TypeScript compiler off the kernel's thread: building it takes ~1.7 s that must not block the
// kernel's sockets, and a grading process shares one warm compiler among many children. It runs
// in a worker thread, or (the kernel, when one is built) in a process restored from a startup
// snapshot (compiler-snapshot-file.ts). Requests are answered in order; every request has an id
// so replies can be matched.

/** What the worker is started with. */
export interface CompilerWorkerData {
  libraryEntry: string;
  /** Compile as if the notebook lived in this folder (the grader: an empty one); null: the process's cwd. */
  root: string | null;
  /** The only files and folders (ending in a separator) the compiler may read; null: any. */
  readable: string[] | null;
  /** Cells the grader's children must compile themselves (module cells, local imports) are delegated. */
  delegateLocal: boolean;
  /** "before": compile warm-up cells before reporting ready; "idle": between requests afterwards. */
  warmUp: "before" | "idle" | "none";
  /** Kill the process when this pid is gone (the kernel's Jupyter client); null: no watch. */
  parentPid: number | null;
}

type RequestBody =
  | { op: "convert"; declarations: string; src: string }
  | { op: "complete" | "inspect"; declarations: string; src: string; position: number }
  | { op: "isComplete"; src: string };

/** Parent → worker. */
export type CompilerRequest = RequestBody & { id: number };

/** A conversion, or why the child must compile this cell itself. */
export type Converted = { conversion: CellConversion } | { delegate: string };

/** Worker → parent. */
export type CompilerMessage =
  | { type: "ready"; prelude: CellConversion }
  | { type: "warm" }
  | { type: "reply"; id: number; value?: Converted | CompletionInfo | IsComplete | string | null; error?: string };

/** The compiled worker entry. */
export const compilerWorkerEntry = path.join(packageRoot, "dist", "kernel", "compiler-worker.js");

/** The other end of a compiler: a worker thread, or a process restored from a startup snapshot. */
export interface CompilerChannel {
  post(request: CompilerRequest): void;
  onMessage(handle: (message: CompilerMessage) => void): void;
  /** `handle` runs once, when the compiler has ended for whatever reason. */
  onEnd(handle: (why: Error) => void): void;
  close(): Promise<void>;
}

/** A compiler thread started from compiler-worker.ts. */
export function threadChannel(data: CompilerWorkerData, memoryMb = 2048): CompilerChannel {
  const worker = new Worker(compilerWorkerEntry, { workerData: data, resourceLimits: { maxOldGenerationSizeMb: memoryMb }, stdout: true, stderr: true });
  // TypeScript's and tslab's console notes are not anyone's output.
  worker.stdout.resume();
  worker.stderr.resume();
  return {
    post: (request) => worker.postMessage(request),
    onMessage: (handle) => worker.on("message", handle),
    onEnd: (handle) => {
      let failure: Error | null = null;
      worker.once("error", (err) => (failure = err));
      worker.once("exit", (code) => handle(failure ?? new Error(`The TypeScript compiler stopped (exit code ${code}).`)));
    },
    close: async () => void (await worker.terminate()),
  };
}

type Waiting = { body: RequestBody; resolve: (v: unknown) => void; reject: (e: Error) => void };

/**
 * One compiler. `ready` resolves with the prelude's conversion; close() when done. `fallback`, if
 * given, replaces a channel that ends before it is ready (a snapshot that cannot be restored).
 */
export class CompilerWorker {
  readonly ready: Promise<CellConversion>;
  /** Settles when the compiler has ended, for whatever reason. */
  readonly exited: Promise<void>;
  private channel!: CompilerChannel;
  private readonly pending = new Map<number, Waiting>();
  private nextId = 0;
  private failure: Error | null = null;
  private warm = false;
  private isReady = false;

  constructor(channel: CompilerChannel, fallback?: () => CompilerChannel) {
    let ended!: () => void;
    this.exited = new Promise((resolve) => (ended = resolve));
    this.ready = new Promise<CellConversion>((resolve, reject) => {
      const connect = (next: CompilerChannel, after?: () => CompilerChannel) => {
        this.channel = next;
        next.onMessage((m) => {
          if (m.type === "ready") return (this.isReady = true), resolve(m.prelude);
          if (m.type === "warm") return void (this.warm = true);
          const waiting = this.pending.get(m.id);
          this.pending.delete(m.id);
          if (m.error !== undefined) waiting?.reject(new Error(m.error));
          else waiting?.resolve(m.value);
        });
        next.onEnd((err) => {
          if (!this.isReady && after && !this.failure) {
            connect(after());
            for (const [id, w] of this.pending) this.channel.post({ id, ...w.body } as CompilerRequest);
            return;
          }
          this.failure ??= err;
          reject(err);
          for (const w of this.pending.values()) w.reject(err);
          this.pending.clear();
          ended();
        });
      };
      connect(channel, fallback);
    });
    this.ready.catch(() => undefined);
  }

  convert(declarations: string, src: string): Promise<Converted> {
    return this.request({ op: "convert", declarations, src }) as Promise<Converted>;
  }

  complete(declarations: string, src: string, position: number): Promise<CompletionInfo> {
    return this.request({ op: "complete", declarations, src, position }) as Promise<CompletionInfo>;
  }

  inspect(declarations: string, src: string, position: number): Promise<string | null> {
    return this.request({ op: "inspect", declarations, src, position }) as Promise<string | null>;
  }

  /** Fails at once while the compiler warms up or works on another request: is_complete must not wait (is-complete.ts). */
  isComplete(src: string): Promise<IsComplete> {
    if (!this.warm || this.pending.size > 0) return Promise.reject(new Error("The compiler thread is busy."));
    return this.request({ op: "isComplete", src }) as Promise<IsComplete>;
  }

  /** Stop the compiler; pending requests fail. */
  async close(): Promise<void> {
    this.failure ??= new Error("The TypeScript compiler was closed.");
    await this.channel.close();
  }

  private request(body: RequestBody): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { body, resolve, reject });
      this.channel.post({ id, ...body } as CompilerRequest);
    });
  }
}
