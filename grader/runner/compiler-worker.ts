import * as path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import type { ConvertResult } from "tslab/dist/converter";
import { saveTypeScriptCodeCache } from "../../kernel/code-cache";
import { installCompilerOptions } from "../../kernel/compiler-options";
import { preludeSource } from "../../kernel/library-module";
import type { CompileReply, CompileRequest, CompilerWorkerData } from "./compiler";
import { isReadable } from "./sandbox/reads";

// A worker thread of the grading process holding one warm tslab converter, so runner children
// only run JavaScript. It compiles as a child in `root` would: tslab's converter takes the folder
// from TypeScript's sys, which this thread points at an empty folder beside the scratch folders
// (same type roots and module resolution as a scratch folder holding only a notebook).

const { libraryEntry, root, readable } = workerData as CompilerWorkerData;

// Blocks that declare nothing, compiled once so V8 has optimised TypeScript's checker.
const WARM_UP = [
  "{ const w = tensor([[1, 2], [3, 4]], { requiresGrad: true }); w.matmul(w).mul(2).sum().backward(); }",
  "{ const xs: number[] = []; for (let i = 0; i < 3; i++) xs.push(i * 2); console.log(xs.length); }",
  "{ const m = new nn.Linear(2, 1); const o = new optim.SGD(m.parameters(), { lr: 0.1 }); o.zeroGrad(); }",
];

installCompilerOptions(libraryEntry);
const tsPath = require.resolve("@tslab/typescript-for-tslab", { paths: [path.dirname(require.resolve("tslab/package.json"))] });
const ts = require(tsPath) as typeof import("@tslab/typescript-for-tslab");
ts.sys.getCurrentDirectory = () => root;
if (readable) confineReads(readable);
const { createConverter } = require("tslab/dist/converter") as typeof import("tslab/dist/converter");
const { getCodeMetadata } = require("tslab/dist/metadata") as typeof import("tslab/dist/metadata");
const converter = createConverter({ isJS: false, isBrowser: false });

/**
 * What Node's permission model does to the sandboxed child's TypeScript: a path outside the
 * readable ones does not exist (TypeScript turns ERR_ACCESS_DENIED into "missing" too).
 */
function confineReads(allowed: string[]): void {
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

function compile(prevDecl: string, src: string): CompileReply["compiled"] {
  const meta = getCodeMetadata(src);
  // tslab's executor hands `@module` cells to addModule; the child keeps those modules itself.
  if (meta.module) return { kind: "child", reason: "module cell" };
  if (importsLocalFiles(src)) return { kind: "child", reason: "local modules" };
  if (meta.mode === "browser") return { kind: "none" };
  const result: ConvertResult = converter.convert(prevDecl, src);
  if (result.sideOutputs?.length) return { kind: "child", reason: "local modules" };
  return { kind: "converted", result };
}

const prelude = converter.convert("", preludeSource(libraryEntry));
for (const cell of WARM_UP) converter.convert(prelude.declOutput ?? "", cell);
saveTypeScriptCodeCache();
const port = parentPort!;
port.postMessage({ type: "ready", prelude: prelude.diagnostics.length === 0 ? prelude : null });
port.on("message", (request: CompileRequest) => {
  let compiled: CompileReply["compiled"];
  try {
    compiled = compile(request.prevDecl, request.src);
  } catch (err) {
    compiled = { kind: "child", reason: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage({ type: "compiled", id: request.id, compiled } satisfies CompileReply);
});
