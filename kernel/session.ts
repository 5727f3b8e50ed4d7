import * as fs from "node:fs";
import type { ConsoleInterface, Executor } from "tslab/dist/executor";
import type { CompletionInfo, Converter } from "tslab/dist/converter";
import { saveTypeScriptCodeCache } from "./code-cache";
import { installCompilerOptions } from "./compiler-options";
import { preludeSource, resolveGradlabTo } from "./library-module";
import { type CellError, type CellOutcome, displayBundle, diagnosticsError, thrownError } from "./outcome";
import { libraryEntry as defaultLibraryEntry } from "./paths";
import { notebookReferenceSource } from "./references";

// One tslab converter + executor with the gradlab prelude: what the kernel and the runner child
// both drive, so a notebook compiles and runs the same in JupyterLab and headless.

/**
 * How to build a session. The notebook's folder is the process's cwd: tslab's compiler resolves
 * local imports and compiles local .ts files from there, so start the process in that folder.
 */
export interface SessionOptions {
  /** The compiled library to preload; gradlab's dist/src/index.js unless a test passes a fake. */
  libraryEntry?: string;
}

/** A live tslab executor with gradlab preloaded. */
export interface Session {
  /** Compile and run one cell; resolves after its last expression (awaited if a Promise) is rendered. */
  execute(code: string): Promise<CellOutcome>;
  /** Stop the running cell: async waits reject here; sync loops stop on the SIGINT itself. */
  interrupt(): void;
  complete(code: string, cursor: number): CompletionInfo;
  inspect(code: string, cursor: number): ReturnType<Executor["inspect"]>;
  close(): void;
}

/** Records what tslab's executor reports through the console it is given. */
class CellConsole implements ConsoleInterface {
  value: unknown = undefined;
  diagnostics: string[] = [];
  thrown: CellError | null = null;

  log(value?: unknown): void {
    this.value = value;
  }

  error(message?: unknown, ...params: unknown[]): void {
    if (message === "%s%d:%d - %s") {
      const [file, line, column, text] = params as [string, number, number, string];
      this.diagnostics.push(`${file}${line}:${column} - ${text}`);
    } else if (this.thrown === null) {
      this.thrown = thrownError(message);
    }
  }
}

/** Build the converter (the slow part, ~0.6 s) and run the prelude. */
export async function createSession(options: SessionOptions = {}): Promise<Session> {
  const entry = prepareLibrary(options.libraryEntry);
  const { createConverter } = require("tslab/dist/converter") as typeof import("tslab/dist/converter");
  const session = await startSession(entry, () => createConverter({ isJS: false, isBrowser: false }));
  saveTypeScriptCodeCache();
  return session;
}

/** Check the library is built, patch tslab's compiler options and route `gradlab` imports to it. */
export function prepareLibrary(libraryEntry: string = defaultLibraryEntry): string {
  if (!fs.existsSync(libraryEntry)) {
    throw new Error(`The gradlab library is not built: ${libraryEntry} does not exist. Run \`npm run build\` first.`);
  }
  installCompilerOptions(libraryEntry);
  resolveGradlabTo(libraryEntry);
  return libraryEntry;
}

/**
 * A session on the converter `makeConverter` returns (after prepareLibrary): the runner's child
 * passes one that replays conversions its parent made, so only the run happens in the child.
 */
export async function startSession(entry: string, makeConverter: () => Converter): Promise<Session> {
  const { createExecutor } = require("tslab/dist/executor") as typeof import("tslab/dist/executor");
  wireDisplaySink(entry);
  const beginCheckCell = wireChecks(entry);
  const node = makeConverter();
  const convs = {
    node,
    get browser(): never {
      throw new Error("Browser cells (%% browser) are not supported by the gradlab kernel.");
    },
    close: () => node.close(),
  };
  let console = new CellConsole();
  const executor = createExecutor(process.cwd(), convs, {
    log: (value?: unknown) => console.log(value),
    error: (...args) => console.error(...args),
  });
  let cancelWait: (reason: Error) => void = () => {};

  async function execute(code: string): Promise<CellOutcome> {
    console = new CellConsole();
    beginCheckCell(code);
    const ok = await executor.execute(code);
    if (console.diagnostics.length > 0) return { status: "error", error: diagnosticsError(console.diagnostics) };
    if (!ok || console.thrown) return { status: "error", error: console.thrown ?? thrownError(new Error("Cell failed")) };
    try {
      const value = console.value instanceof Promise ? await interruptible(console.value) : console.value;
      return { status: "ok", result: value === undefined || value === null ? null : await displayBundle(value) };
    } catch (thrown) {
      return { status: "error", error: thrownError(thrown) };
    }
  }

  function interruptible<T>(promise: Promise<T>): Promise<T> {
    return Promise.race([promise, new Promise<never>((_, reject) => (cancelWait = reject))]);
  }

  const prelude = await execute(preludeSource(entry));
  if (prelude.status === "error") {
    throw new Error(`The gradlab prelude failed: ${prelude.error.evalue}`);
  }
  return {
    execute,
    interrupt: () => {
      executor.interrupt();
      cancelWait(new Error("Interrupted asynchronously"));
    },
    complete: (code, cursor) => executor.complete(code, cursor),
    inspect: (code, cursor) => executor.inspect(code, cursor),
    close: () => executor.close(),
  };
}

/** Let check() read references from the notebook file; the returned hook tells it which cell runs. */
function wireChecks(entry: string): (code: string) => void {
  const lib = require(entry) as Partial<Pick<typeof import("../src/index"), "setReferenceSource" | "beginCheckCell">>;
  lib.setReferenceSource?.(notebookReferenceSource());
  return (code) => lib.beginCheckCell?.(code);
}

/** Route the library's `show()` to whatever display writer tslab currently holds. */
function wireDisplaySink(entry: string): void {
  const lib = require(entry) as { setDisplaySink?: (sink: ((bundle: Record<string, unknown>) => void) | null) => void };
  const jupyter = require("tslab/dist/jupyter") as typeof import("tslab/dist/jupyter");
  lib.setDisplaySink?.((bundle) => {
    jupyter.lastWriteDisplayData?.({ data: bundle as never, metadata: {}, transient: {} }, false);
  });
}
