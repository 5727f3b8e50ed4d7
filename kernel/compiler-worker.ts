import { parentPort, workerData } from "node:worker_threads";
import type * as TS from "typescript";
import type { CompilerMessage, CompilerRequest, CompilerWorkerData, Converted } from "./compiler-client";
import { cellCompilerOptions } from "./compiler-options";
import { preludeSource } from "./library-module";
import { nodeTypeRoots } from "./paths";
import { isReadable } from "../grader/runner/sandbox/reads";
import { parentPid, watchParent } from "./parent-watch";
import { cellKind, createTslabCompiler, installCompilerOptions, isComplete, saveTypeScriptCodeCache, typescript } from "./tslab";

// The compiler thread (see compiler-client.ts): one warm tslab converter. With `root` it compiles
// as a child in that folder would (the grader's empty folder beside its scratch folders: same type
// roots and module resolution as a scratch folder holding only a notebook).

const data = workerData as CompilerWorkerData;
const port = parentPort!;

// Blocks that declare nothing, compiled so V8 has optimised TypeScript's checker for typical cells.
const WARM_UP = [
  "{ const w = tensor([[1, 2], [3, 4]], { requiresGrad: true }); w.matmul(w).mul(2).sum().backward(); }",
  "{ const xs: number[] = []; for (let i = 0; i < 3; i++) xs.push(i * 2); console.log(xs.length); }",
  "{ const m = new nn.Linear(2, 1); const o = new optim.SGD(m.parameters(), { lr: 0.1 }); o.zeroGrad(); }",
];

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

/** Files next to the notebook resolve from the child's folder, not this thread's empty one. */
function importsLocalFiles(src: string): boolean {
  const info = ts.preProcessFile(src, true, true);
  return info.referencedFiles.length > 0 || info.importedFiles.some((f) => /^\.\.?(\/|$)/.test(f.fileName));
}

function convert(declarations: string, src: string): Converted {
  if (data.delegateLocal) {
    // The child keeps `@module` cells and local modules itself.
    if (cellKind(src) === "module") return { delegate: "module cell" };
    if (importsLocalFiles(src)) return { delegate: "local modules" };
  }
  const conversion = compiler.convert(declarations, src);
  if (data.delegateLocal && conversion.modules?.length) return { delegate: "local modules" };
  return { conversion };
}

function answer(request: CompilerRequest): CompilerMessage {
  try {
    if (request.op === "isComplete") return { type: "reply", id: request.id, value: isComplete(request.src) };
    const { declarations, src } = request;
    if (request.op === "convert") return { type: "reply", id: request.id, value: convert(declarations, src) };
    if (request.op === "inspect") return { type: "reply", id: request.id, value: compiler.inspect(declarations, src, request.position) };
    // TypeScript's own completion record stays here: it is large and only for debugging.
    const { original: _, ...completion } = compiler.complete(declarations, src, request.position);
    return { type: "reply", id: request.id, value: completion };
  } catch (err) {
    return { type: "reply", id: request.id, error: err instanceof Error ? err.message : String(err) };
  }
}

const prelude = data.prelude ? compiler.convert("", preludeSource(data.libraryEntry)) : null;
const warmUp = data.warmUp === "none" || prelude === null ? [] : [...WARM_UP];
const warmOne = () => {
  const cell = warmUp.shift();
  if (cell !== undefined) compiler.convert(prelude?.declarations ?? "", cell);
};
const warmed = () => {
  saveTypeScriptCodeCache();
  port.postMessage({ type: "warm" } satisfies CompilerMessage);
};
if (data.warmUp === "before") while (warmUp.length > 0) warmOne();
port.postMessage({ type: "ready", prelude } satisfies CompilerMessage);
port.on("message", (request: CompilerRequest) => port.postMessage(answer(request)));
// Between requests: a request that arrives waits for one warm-up cell at most.
const idle = () => {
  if (warmUp.length === 0) return warmed();
  warmOne();
  setImmediate(idle);
};
if (data.warmUp === "idle") setImmediate(idle);
else warmed();
