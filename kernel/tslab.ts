import * as path from "node:path";
import type * as TS from "typescript";
import type { CompletionInfo, Converter } from "tslab/dist/converter";
import { type ConverterFixes, fixConverterTypeScript } from "./cells/converter-fixes";
import { loadWithCodeCache, saveCodeCache } from "./code-cache";
import { type TslabCompiler, tslabCompiler } from "./tslab-compiler";

export type { TslabCompiler } from "./tslab-compiler";

// The one module that uses tslab's internals (tslab 1.0.22, pinned exactly: none of this is its
// public API). test/kernel/tslab-contract.test.ts fails loudly if an update changes what we rely
// on. We use tslab's converter (TypeScript → CommonJS per cell, with its declaration bookkeeping),
// its code metadata, its is-complete check, its quick-info printer and its public `tslab` module;
// the executor, handler and server are ours. Its bugs are fixed here, through the TypeScript module
// it requires (cells/converter-fixes.ts), not worked around elsewhere.

const tslabDir = path.dirname(require.resolve("tslab/package.json"));
/** tslab's TypeScript, the file (the snapshot builder loads it itself: see compiler-snapshot.ts). */
export const tsPath = require.resolve("@tslab/typescript-for-tslab", { paths: [tslabDir] });

let fixes: ConverterFixes | null = null;

/** tslab's TypeScript (5.0), loaded once with a V8 code cache (~0.1 s); unwrapped. */
export function typescript(): typeof TS {
  loadWithCodeCache(tsPath);
  const cached = require.cache[tsPath]!.exports as typeof TS;
  return (cached as unknown as { [REAL]?: typeof TS })[REAL] ?? cached;
}

const REAL = Symbol("gradlab.realTypeScript");

/**
 * Make converters created afterwards compile with `options` (strict, lib es2023, the `gradlab`
 * path) and tslab's bugs fixed. Must run before tslab's converter is first required.
 */
export function installCompilerOptions(options: TS.CompilerOptions): void {
  if (fixes) return;
  const real = typescript();
  fixes = fixConverterTypeScript(real, options);
  const wrapped = new Proxy(fixes.ts, { get: (t, k) => (k === REAL ? real : Reflect.get(t, k)) });
  require.cache[tsPath]!.exports = wrapped;
}

export type { CompletionInfo };


/** How tslab treats a cell: a `%% module NAME` cell, a `%% browser` cell, or plain code. */
export function cellKind(src: string): "module" | "browser" | "code" {
  const { getCodeMetadata } = require("tslab/dist/metadata") as typeof import("tslab/dist/metadata");
  const meta = getCodeMetadata(src);
  return meta.module ? "module" : meta.mode === "browser" ? "browser" : "code";
}

/** Build a converter in this thread (the slow part, ~0.6 s); installCompilerOptions() first. */
export function createTslabCompiler(): TslabCompiler {
  if (!fixes) throw new Error("installCompilerOptions() must run before createTslabCompiler().");
  const { createConverter } = require("tslab/dist/converter") as typeof import("tslab/dist/converter");
  const { getCodeMetadata } = require("tslab/dist/metadata") as typeof import("tslab/dist/metadata");
  const { printQuickInfo } = require("tslab/dist/inspect") as typeof import("tslab/dist/inspect");
  const converter: Converter = createConverter({ isJS: false, isBrowser: false });
  return tslabCompiler({ ts: typescript(), fixes, converter, getCodeMetadata, printQuickInfo });
}


/** Write the V8 code cache of tslab's TypeScript if none fitted; call once cells have compiled. */
export function saveTypeScriptCodeCache(): void {
  saveCodeCache(tsPath);
}

/** tslab's is-complete answer, plus `invalid` for code that more lines cannot fix. */
export function isComplete(code: string): { status: "complete" | "incomplete" | "invalid"; indent?: string } {
  const { isCompleteCode } = require("tslab/dist/converter") as typeof import("tslab/dist/converter");
  const answer = isCompleteCode(code);
  if (!answer.completed) return { status: "incomplete", indent: answer.indent ?? "" };
  const ts = typescript();
  const parsed = ts.createSourceFile("cell.ts", code, ts.ScriptTarget.Latest) as TS.SourceFile & { parseDiagnostics?: unknown[] };
  return { status: (parsed.parseDiagnostics?.length ?? 0) > 0 ? "invalid" : "complete" };
}

/** The TypeScript version cells are checked with (without loading it). */
export function typescriptVersion(): string {
  return (require(path.join(path.dirname(tsPath), "..", "package.json")) as { version: string }).version;
}

type DisplayWriter = (data: object, update: boolean) => void;
let displayWriter: DisplayWriter | null = null;
const jupyterPath = path.join(tslabDir, "dist", "jupyter.js");

/** Where tslab's public display API (`import * as tslab from "tslab"` in a cell) sends its output. */
export function setTslabDisplayWriter(writer: DisplayWriter | null): void {
  displayWriter = writer;
  const jupyter = require.cache[jupyterPath]?.exports as { lastWriteDisplayData: DisplayWriter | null } | undefined;
  if (jupyter) jupyter.lastWriteDisplayData = writer;
}

/** tslab's public module, as `import … from "tslab"` in a cell gets it (loaded on first use). */
export function tslabModule(): unknown {
  const mod = require("tslab") as unknown;
  setTslabDisplayWriter(displayWriter);
  return mod;
}
