import type { JupyterFrontEndPlugin } from "@jupyterlab/application";
import { INotebookTracker } from "@jupyterlab/notebook";
import { startWhenRead } from "./start-when-read";

/** Starts each opened notebook's kernel as soon as its file is read (start-when-read.ts says why). */
export const earlyKernel: JupyterFrontEndPlugin<void> = {
  id: "gradlab-lite:early-kernel",
  description: "Starts a notebook's kernel as soon as its file is read, not after JupyterLab's checkpoint and first render.",
  autoStart: true,
  requires: [INotebookTracker],
  activate: (_app, tracker: INotebookTracker) => {
    tracker.widgetAdded.connect((_, panel) => void startWhenRead(panel));
  },
};
