import type { LiteKernelClient } from "@jupyterlite/services";

// The one place that reaches into JupyterLite 0.8's internals (pinned by the ~0.8 range; the
// browser tests fail loudly if this stops holding). LiteKernelClient queues a kernel's requests
// behind one async-mutex and, when a cell fails, cancels the queue: the cells queued behind it
// get no reply at all, so JupyterLab's toolbar shows "Busy, executed 3/28 cells" for good. For
// the gradlab kernel the queue is kept, and the kernel answers those requests `aborted` itself,
// as ipykernel (and the Node kernel) do with stop_on_error.

type Mutex = { cancel(): void };
type Internals = { _mutexMap: Map<string, Mutex>; _cancelReason: WeakMap<Mutex, string> };

/** Keeps the request queue of the kernels `isOurs` accepts when one of their cells fails. */
export function keepQueueAfterErrors(client: LiteKernelClient, isOurs: (kernelId: string) => boolean): void {
  const internals = client as unknown as Internals;
  if (!(internals._mutexMap instanceof Map) || !(internals._cancelReason instanceof WeakMap)) {
    throw new Error("JupyterLite's LiteKernelClient changed (no _mutexMap/_cancelReason): update lite/kernel/lite-internals.ts.");
  }
  const reasons = internals._cancelReason;
  const patched = new WeakSet<Mutex>();
  const mutexes = new (class extends Map<string, Mutex> {
    // LiteKernelClient stores a kernel's mutex each time a client connects to it.
    override set(kernelId: string, mutex: Mutex): this {
      if (isOurs(kernelId) && !patched.has(mutex)) {
        patched.add(mutex);
        const cancel = mutex.cancel.bind(mutex);
        mutex.cancel = () => {
          if (reasons.get(mutex) !== "error") cancel();
        };
      }
      return super.set(kernelId, mutex);
    }
  })(internals._mutexMap);
  internals._mutexMap = mutexes;
}
