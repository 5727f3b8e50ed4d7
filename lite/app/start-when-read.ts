import type { NotebookPanel } from "@jupyterlab/notebook";

// JupyterLab starts a notebook's kernel only after its file is read, a checkpoint of it is made
// (another read of the file through JupyterLite's drive) and the page has rendered it meanwhile:
// on a reload that put the kernel's request 0.4–2.5 s after the file was there (measured at load
// 13–20). The kernel's worker is warming up since the app's entry ran, so this asks for the session as
// soon as the file is read, with the kernel the notebook names — what JupyterLab's document
// context asks for a moment later (its own call then joins this one: SessionContext.initialize
// runs once).

/** The parts of a notebook panel this uses. */
export type ReadablePanel = Pick<NotebookPanel, "context" | "sessionContext">;

/** Starts the panel's kernel session as soon as its document is read. */
export function startWhenRead(panel: ReadablePanel): Promise<void> {
  const { context, sessionContext } = panel;
  return context.ready.then(() => {
    if (context.isDisposed || sessionContext.isDisposed) return;
    const preference = sessionContext.kernelPreference;
    // The preference the context sets before it initializes the session (docregistry's Context._populate).
    sessionContext.kernelPreference = {
      ...preference,
      name: context.model.defaultKernelName || preference.name,
      language: context.model.defaultKernelLanguage,
    };
    // A failure here reaches the student through the context's own initialize (the same promise).
    sessionContext.initialize().catch(() => {});
  });
}
