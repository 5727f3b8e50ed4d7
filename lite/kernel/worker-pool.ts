import { PageConfig, URLExt } from "@jupyterlab/coreutils";
import { PromiseDelegate } from "@lumino/coreutils";
import { interruptFlagBuffer, raiseInterrupt } from "../../kernel/cells/interrupt-flag";
import { liteMsg } from "./messages";
import type { WorkerInit, WorkerMessage, WorkerRequest } from "./protocol";

// The kernel's Web Worker, started as soon as the app loads (TypeScript and the library take a
// moment to start, so the first notebook's kernel finds its worker warm), with the shared
// interrupt flag when the page is cross-origin isolated.

declare const GRADLAB_ASSETS: { worker: string; files: string; binaries: Record<string, string> };

/** The performance mark set when a worker has started (TypeScript built, prelude run). */
export const READY_MARK = "gradlab:kernel-ready";

/** The performance mark set when JupyterLab asks for a kernel (a notebook was opened). */
export const REQUESTED_MARK = "gradlab:kernel-requested";

const staticUrl = (file: string) => URLExt.join(PageConfig.getOption("fullStaticUrl"), file);

/** One worker and its shared interrupt flag. */
export class KernelWorker {
  private readonly worker = new Worker(staticUrl(GRADLAB_ASSETS.worker));
  private readonly flag = typeof SharedArrayBuffer === "function" && globalThis.crossOriginIsolated ? interruptFlagBuffer() : null;
  private readonly started = new PromiseDelegate<number>();
  private listener: (message: WorkerMessage) => void = () => {};

  constructor() {
    this.worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
      const message = event.data;
      if (message.type === "ready") {
        // For `npm run bench` (and anyone profiling): when the kernel could first run a cell.
        performance.mark(READY_MARK, { detail: { workerMs: message.ms, phases: message.phases } });
        this.started.resolve(message.ms);
      }
      else if (message.type === "failed") this.started.reject(new Error(message.message));
      this.listener(message);
    };
    this.worker.onerror = (event) => this.started.reject(new Error(liteMsg.workerCrashed(event.message)));
    const binaryUrls = Object.fromEntries(Object.entries(GRADLAB_ASSETS.binaries).map(([path, file]) => [path, staticUrl(file)]));
    const init: WorkerInit = { type: "init", filesUrl: staticUrl(GRADLAB_ASSETS.files), binaryUrls, interruptFlag: this.flag };
    this.worker.postMessage(init);
  }

  /** Resolves with the worker's start-up time (ms) once the prelude has run. */
  get ready(): Promise<number> {
    return this.started.promise;
  }

  /** True when Interrupt can stop a synchronous loop (shared memory is available). */
  get sharedInterrupt(): boolean {
    return this.flag !== null;
  }

  listen(listener: (message: WorkerMessage) => void): void {
    this.listener = listener;
  }

  send(request: WorkerRequest): void {
    this.worker.postMessage(request);
  }

  interrupt(): void {
    const n = this.flag ? raiseInterrupt(this.flag) : 0;
    this.worker.postMessage({ type: "interrupt", n } satisfies WorkerRequest);
  }

  terminate(): void {
    this.worker.terminate();
  }
}

let warm: KernelWorker | null = null;

/** Starts a worker ahead of the first kernel. */
export function prestartWorker(): void {
  warm ??= new KernelWorker();
}

/** The pre-started worker if one is waiting, else a new one. */
export function takeWorker(): KernelWorker {
  const worker = warm ?? new KernelWorker();
  warm = null;
  return worker;
}
