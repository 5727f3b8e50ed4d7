import { workerMsg } from "./messages";

// `node:worker_threads` inside the worker: the library's second GEMM thread is a Node worker; here
// starting one fails, and the library computes on one thread, as it does wherever workers are forbidden.

/** Stands for Node's Worker; constructing one fails. */
export class Worker {
  constructor() {
    throw new Error(workerMsg.noNodeWorkers);
  }
}

/** Node's workerData: nothing, in the browser. */
export const workerData = undefined;
