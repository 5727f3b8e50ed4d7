// `node:os` inside the worker: the library asks how many threads to use; in the browser kernel its
// matrix products run on the worker's one thread (its second-thread code is Node's worker_threads).

/** One: the worker computes on its own thread. */
export function availableParallelism(): number {
  return 1;
}
