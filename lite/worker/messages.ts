// Everything the browser kernel's worker says to a student, in one place.

export const workerMsg = {
  onlyGradlab: (id: string) =>
    `Cannot find module '${id}': cells in the browser can import only "gradlab" (everything else needs the Node kernel: npx gradlab kernel install).`,
  startFailed: (reason: string) => `The gradlab kernel could not start in this browser: ${reason}`,
  preludeFailed: (reason: string) => `The gradlab prelude failed: ${reason}`,
  noCellReferences:
    "this cell's metadata holds no references for it; keep the test cells of the released notebook as they were (their metadata holds the references)",
  noNodeWorkers: "Node's worker_threads do not exist in the browser kernel: computing on one thread.",
};
