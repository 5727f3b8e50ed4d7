import { cellMsg } from "./cells/messages";
import type { CellError } from "./cells/types";

// Texts the kernel itself shows (the cell-semantics core has its own, kernel/cells/messages.ts).

export const kernelMsg = {
  banner: "TypeScript (gradlab) — tensors, autograd, nn and optim preloaded",
  /** Interrupt pressed while the kernel was still starting: the cell never ran. */
  interruptedWhileStarting: (): CellError => ({
    ename: "KeyboardInterrupt",
    evalue: cellMsg.interrupted,
    traceback: [`KeyboardInterrupt: ${cellMsg.interrupted}`],
  }),
  usage: "Usage: node dist/kernel/main.js --config-path CONNECTION_FILE (Jupyter passes {connection_file}).",
  badSignature: (msgType: string): string => `gradlab kernel: dropped a ${msgType} message with a bad signature\n`,
  controlFailed: (reason: string): string => `The kernel's control thread could not open its sockets: ${reason}`,
  wakeFailed: (reason: string): string => `gradlab kernel: an Interrupt could not reach a running loop (${reason}); awaits still stop, a busy loop runs on.\n`,
  parentGone: (pid: number): string => `gradlab kernel: the Jupyter client (pid ${pid}) is gone; exiting.\n`,
};
