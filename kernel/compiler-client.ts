import * as path from "node:path";
import { Worker } from "node:worker_threads";
import type { CompletionInfo } from "./tslab";
import type { CellConversion } from "./cells/types";
import type { IsComplete } from "./is-complete";
import { packageRoot } from "./paths";

// The TypeScript compiler in a worker thread: building it takes ~0.7 s of CPU that must not block
// the kernel's sockets, and a grading process shares one warm compiler among many children.
// Requests are answered in order; every request has an id so replies can be matched.

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
  /**
   * Convert the prelude and report it with ready; false when another compiler of the same library
   * already did (the grader's second and later compilers): ready then carries null, and warm-up
   * cells, which need the prelude's names, are skipped.
   */
  prelude: boolean;
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
  | { type: "ready"; prelude: CellConversion | null }
  | { type: "warm" }
  | { type: "reply"; id: number; value?: Converted | CompletionInfo | IsComplete | string | null; error?: string };

/** The compiled worker entry. */
export const compilerWorkerEntry = path.join(packageRoot, "dist", "kernel", "compiler-worker.js");

/** One compiler thread. `ready` resolves with the prelude's conversion (null if asked not to make it); close() when done. */
export class CompilerWorker {
  readonly ready: Promise<CellConversion | null>;
  /** Settles when the thread has ended, for whatever reason. */
  readonly exited: Promise<void>;
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private failure: Error | null = null;
  private warm = false;

  constructor(data: CompilerWorkerData, memoryMb = 2048) {
    this.worker = new Worker(compilerWorkerEntry, { workerData: data, resourceLimits: { maxOldGenerationSizeMb: memoryMb }, stdout: true, stderr: true });
    // TypeScript's and tslab's console notes are not anyone's output.
    this.worker.stdout.resume();
    this.worker.stderr.resume();
    this.exited = new Promise((resolve) => this.worker.once("exit", () => resolve()));
    this.ready = new Promise<CellConversion | null>((resolve, reject) => {
      this.worker.on("message", (m: CompilerMessage) => {
        if (m.type === "ready") return resolve(m.prelude);
        if (m.type === "warm") return void (this.warm = true);
        const waiting = this.pending.get(m.id);
        this.pending.delete(m.id);
        if (m.error !== undefined) waiting?.reject(new Error(m.error));
        else waiting?.resolve(m.value);
      });
      const fail = (err: Error) => {
        this.failure ??= err;
        reject(err);
        for (const w of this.pending.values()) w.reject(err);
        this.pending.clear();
      };
      this.worker.once("error", fail);
      this.worker.once("exit", (code) => fail(new Error(`The TypeScript compiler stopped (exit code ${code}).`)));
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

  /** Fails at once while the thread warms up or works on another request: is_complete must not wait (is-complete.ts). */
  isComplete(src: string): Promise<IsComplete> {
    if (!this.warm || this.pending.size > 0) return Promise.reject(new Error("The compiler thread is busy."));
    return this.request({ op: "isComplete", src }) as Promise<IsComplete>;
  }

  /** Stop the thread; pending requests fail. */
  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private request(body: RequestBody): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, ...body } satisfies CompilerRequest);
    });
  }
}
