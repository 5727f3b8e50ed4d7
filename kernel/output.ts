import type { MimeBundle } from "./cells/types";

// One routing point for everything a cell prints or displays: process.stdout/stderr, the
// library's show()/progress()/clearOutput(), and tslab's display API. The kernel points it at
// IOPub for each request, the runner's child at its output recorder. Output that arrives between
// cells (a timer of an earlier cell) goes to the last channel, as ipykernel sends it to the last parent.

/** Where a cell's output goes. */
export interface OutputChannel {
  stream(name: "stdout" | "stderr", text: string): void;
  /** A display; `update` replaces the outputs already shown with the same `displayId`. */
  display(bundle: MimeBundle, metadata: Record<string, unknown>, displayId: string | undefined, update: boolean): void;
  clear(wait: boolean): void;
}

/** A display request from the library: `displayId` shows it once per cell, then updates it in place. */
export type LibraryDisplay = (bundle: MimeBundle, target?: { displayId?: string }) => void;

const silent: OutputChannel = { stream: () => {}, display: () => {}, clear: () => {} };
let channel: OutputChannel = silent;
let shown = new Set<string>();
const decoder = new TextDecoder();

/** The kernel's own diagnostics: the real stderr, never a cell's output. */
export const kernelLog: (text: string) => void = ((write) => (text: string) => void write(text))(process.stderr.write.bind(process.stderr));

/** Send output to `next` from now on (a new cell: display ids start fresh). */
export function setOutputChannel(next: OutputChannel): void {
  channel = next;
  shown = new Set();
}

/** Route process.stdout and process.stderr to the current channel (once per process). */
export function captureProcessOutput(): void {
  const writer = (name: "stdout" | "stderr") => (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    channel.stream(name, typeof chunk === "string" ? chunk : decoder.decode(chunk));
    const callback = rest.find((r) => typeof r === "function") as (() => void) | undefined;
    callback?.();
    return true;
  };
  process.stdout.write = writer("stdout") as typeof process.stdout.write;
  process.stderr.write = writer("stderr") as typeof process.stderr.write;
}

/** What the library's display sink calls. */
export const libraryDisplay: LibraryDisplay = (bundle, target) => {
  const id = target?.displayId;
  const update = id !== undefined && shown.has(id);
  if (id !== undefined) shown.add(id);
  channel.display(bundle, {}, id, update);
};

/** What tslab's display API calls (it says itself whether it updates). */
export function tslabDisplay(data: { data: MimeBundle; metadata?: Record<string, unknown>; transient?: { display_id?: string } }, update: boolean): void {
  channel.display(data.data, data.metadata ?? {}, data.transient?.display_id, update);
}

/** What the library's clearOutput() calls. */
export function clearOutput(wait: boolean): void {
  channel.clear(wait);
}
