import * as fs from "node:fs";
import type { CellError } from "../../kernel/outcome";

// How the runner words a cell it had to stop, and how it watches the child's memory.

/** The error of a cell stopped at its time limit. */
export function timeoutError(timeoutMs: number): CellError {
  const evalue = `The cell ran longer than its ${timeoutMs / 1000} s time limit and was stopped.`;
  return { ename: "TimeoutError", evalue, traceback: [`TimeoutError: ${evalue}`] };
}

/** The error of a cell whose process died (out of memory, or otherwise). */
export function crashError(exit: { code: number | null; signal: string | null }, oom: boolean, memoryMb: number): CellError {
  const evalue = oom
    ? `The notebook's process ran out of memory (limit ${memoryMb} MB) and was stopped; variables from earlier cells are gone.`
    : `The notebook's process died (exit code ${exit.code}, signal ${exit.signal}); variables from earlier cells are gone.`;
  const ename = oom ? "MemoryError" : "ProcessDied";
  return { ename, evalue, traceback: [`${ename}: ${evalue}`] };
}

/** The error of a cell whose process broke the runner's message protocol (only a tampered process can). */
export function protocolError(violation: string): CellError {
  const evalue = `The notebook's process sent ${violation}, which the runner does not accept; it was stopped.`;
  return { ename: "ProtocolError", evalue, traceback: [`ProtocolError: ${evalue}`] };
}

/** Resident memory of a process in MB; 0 where /proc is missing (then the V8 heap limit is the only guard). */
export function residentMb(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const pages = Number(fs.readFileSync(`/proc/${pid}/statm`, "utf8").split(" ")[1]);
    return (pages * 4096) / (1 << 20);
  } catch {
    return 0;
  }
}
