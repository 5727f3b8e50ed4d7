import "./process-streams";
import { captureProcessOutput, clearOutput, libraryDisplay, setOutputChannel } from "../../kernel/output";
import { InterruptFlag } from "../../kernel/cells/interrupt-flag";
import type { WorkerInit, WorkerMessage, WorkerRequest } from "../kernel/protocol";
import { captureConsole } from "./console-capture";
import { loadHooks } from "./library";
import { type FileContent, MemoryFs, mount } from "./memory-fs";
import { workerMsg } from "./messages";
import { startWorkerSession, type WorkerSession } from "./session";
import { realTypescript } from "./typescript-fixes";
import { memorySystem } from "./typescript-system";

// The browser kernel's Web Worker: fetches the file image, gives TypeScript an in-memory sys,
// starts the cell session with the gradlab prelude, then serves the page's requests one at a time
// (the page sends the next only after the reply). Interrupts are served at once.

const post = (message: WorkerMessage) => postMessage(message);
// From the worker's creation to this script running (fetching and compiling it), for the phases.
const scriptMs = Math.round(performance.now());
let session: Promise<WorkerSession> | null = null;
let live: WorkerSession | null = null;
let flag: InterruptFlag | null = null;
let queue: Promise<void> = Promise.resolve();

async function loadImage(init: WorkerInit): Promise<MemoryFs> {
  const text = fetch(init.filesUrl).then((r) => r.json() as Promise<Record<string, string>>);
  const binaries = Object.entries(init.binaryUrls).map(async ([path, url]) => {
    const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
    return [path, bytes] as const;
  });
  const files: Record<string, FileContent> = { ...(await text), ...Object.fromEntries(await Promise.all(binaries)) };
  return new MemoryFs(files);
}

async function start(init: WorkerInit): Promise<WorkerSession> {
  const started = performance.now();
  const phases: Record<string, number> = { script: scriptMs };
  let last = started;
  const phase = (name: string) => {
    phases[name] = Math.round(performance.now() - last);
    last = performance.now();
  };
  // The downloads run while TypeScript is evaluated.
  const image = loadImage(init);
  const ts = realTypescript();
  phase("typescript");
  const fs = await image;
  mount(fs);
  phase("image");
  // TypeScript's own hook for hosts without Node (internal in its typings, public at run time).
  (ts as unknown as { setSys(sys: unknown): void }).setSys(memorySystem(ts, fs));
  flag = init.interruptFlag ? new InterruptFlag(init.interruptFlag) : null;
  captureProcessOutput();
  captureConsole();
  const hooks = loadHooks();
  hooks.setDisplaySink(libraryDisplay);
  hooks.setClearSink(clearOutput);
  phase("library");
  live = await startWorkerSession(phase, flag);
  post({ type: "ready", ms: performance.now() - started, phases });
  return live;
}

// Everything a request prints or displays goes out with its id (later output too, to the last one).
function channelFor(id: number): Parameters<typeof setOutputChannel>[0] {
  return {
    stream: (name, text) => post({ type: "stream", id, name, text }),
    display: (data, metadata, displayId, update) => post({ type: "display", id, data, metadata, displayId, update }),
    clear: (wait) => post({ type: "clear", id, wait }),
  };
}

async function serve(request: Exclude<WorkerRequest, { type: "interrupt" }>, s: WorkerSession): Promise<void> {
  if (request.type === "execute") {
    setOutputChannel(channelFor(request.id));
    flag?.settle();
    const content = await s.execute(request.code, request.cell, request.test);
    flag?.settle();
    post({ type: "reply", id: request.id, content });
  } else if (request.type === "complete") {
    post({ type: "reply", id: request.id, content: s.complete(request.code, request.cursor) });
  } else {
    post({ type: "reply", id: request.id, content: s.inspect(request.code, request.cursor) });
  }
}

// A request to a worker that failed to start: the cell gets the reason, completion gets nothing.
function refuse(request: Exclude<WorkerRequest, { type: "interrupt" }>, err: Error): void {
  const evalue = workerMsg.startFailed(err.message);
  const content =
    request.type === "execute" ? { status: "error" as const, error: { ename: "KernelStartError", evalue, traceback: [evalue] } }
    : request.type === "complete" ? { matches: [], cursor_start: request.cursor, cursor_end: request.cursor }
    : { found: false, data: {} };
  post({ type: "reply", id: request.id, content });
}

onmessage = (event: MessageEvent<WorkerInit | WorkerRequest>) => {
  const message = event.data;
  if (message.type === "init") {
    session = start(message);
    session.catch((err: unknown) => post({ type: "failed", message: workerMsg.startFailed(err instanceof Error ? err.message : String(err)) }));
  } else if (message.type === "interrupt") {
    // Number n may have stopped its cell already (a loop check), and a later cell may run now.
    if (flag === null || flag.isNew(message.n)) live?.interrupt();
  } else if (session !== null) {
    const ready = session;
    queue = queue.then(() => ready.then((s) => serve(message, s), (err: Error) => refuse(message, err)));
  }
};
