// Everything the browser kernel's page side says to a student, in one place.

export const liteMsg = {
  restartedAfterInterrupt:
    "The cell did not stop, and this page cannot interrupt a running loop (it is not cross-origin isolated), " +
    "so the kernel was restarted: its variables are gone; run the notebook's cells again. " +
    "Serve the site with `npx gradlab site serve` (it sends the COOP/COEP headers) to interrupt without losing them.\n",
  interruptedByRestart: "Interrupted (the kernel was restarted)",
  workerCrashed: (reason: string) => `The gradlab kernel's worker stopped: ${reason}`,
};
