import { prestartWorker } from "../kernel/worker-pool";

// The app's entry: start the kernel's Web Worker first (TypeScript takes the longest to start),
// then load JupyterLab, whose start-up runs meanwhile on the page's own thread.
prestartWorker();
void import("./main");
