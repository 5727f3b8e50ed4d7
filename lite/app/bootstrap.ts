import { prestartWorker } from "../kernel/worker-pool";

// The app's entry: take over the kernel's Web Worker (lab/index.html started it, TypeScript takes
// the longest to start), then load JupyterLab, whose start-up runs meanwhile on the page's own thread.
prestartWorker();
void import("./main");
