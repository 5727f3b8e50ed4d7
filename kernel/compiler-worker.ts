import { parentPort, workerData } from "node:worker_threads";
import type * as TS from "typescript";
import type { CompilerRequest, CompilerWorkerData } from "./compiler-client";
import { cellCompilerOptions } from "./compiler-options";
import { serveCompiler, WARM_UP_CELLS, warmUp, type ServedCompiler } from "./compiler-serve";
import { preludeSource } from "./library-module";
import { nodeTypeRoots } from "./paths";
import { isReadable } from "../grader/runner/sandbox/reads";
import { watchParent } from "./parent-watch";
import { createTslabCompiler, installCompilerOptions, saveTypeScriptCodeCache, typescript } from "./tslab";

// The compiler thread (see compiler-client.ts): one warm tslab converter. With `root` it compiles
// as a child in that folder would (the grader's empty folder beside its scratch folders: same type
// roots and module resolution as a scratch folder holding only a notebook).

const data = workerData as CompilerWorkerData;
const port = parentPort!;

if (data.parentPid !== null) watchParent(data.parentPid, () => process.kill(process.pid, "SIGTERM"));
const ts = typescript();
if (data.root !== null) {
  const root = data.root;
  ts.sys.getCurrentDirectory = () => root;
}
if (data.readable) confineReads(ts, data.readable);
installCompilerOptions(cellCompilerOptions(data.libraryEntry, nodeTypeRoots()));
const compiler = createTslabCompiler();

/**
 * What Node's permission model does to the sandboxed child's TypeScript: a path outside the
 * readable ones does not exist (TypeScript turns ERR_ACCESS_DENIED into "missing" too).
 */
function confineReads(ts: typeof TS, allowed: string[]): void {
  const ok = (p: string) => isReadable(allowed, p);
  const sys = ts.sys as unknown as Record<string, (p: string, ...rest: unknown[]) => unknown>;
  const denied: Record<string, unknown> = {
    readFile: undefined, fileExists: false, directoryExists: false, readDirectory: [], getDirectories: [],
    getModifiedTime: undefined, getFileSize: 0,
  };
  for (const [name, answer] of Object.entries(denied)) {
    const real = sys[name]?.bind(ts.sys);
    if (real) sys[name] = (p: string, ...rest: unknown[]) => (ok(p) ? real(p, ...rest) : answer);
  }
}

const served: ServedCompiler = { ts, compiler, prelude: compiler.convert("", preludeSource(data.libraryEntry)), delegateLocal: data.delegateLocal };
if (data.warmUp === "before") warmUp(served);
serveCompiler(
  served,
  { post: (m) => port.postMessage(m), onRequest: (handle) => port.on("message", (r: CompilerRequest) => handle(r)) },
  data.warmUp === "idle" ? WARM_UP_CELLS : [],
  saveTypeScriptCodeCache,
);
