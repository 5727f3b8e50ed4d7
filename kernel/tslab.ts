import * as path from "node:path";
import type * as TS from "typescript";
import type { CompletionInfo, Converter, ConvertResult } from "tslab/dist/converter";
import { type ConverterFixes, fixConverterTypeScript } from "./cells/converter-fixes";
import { addHints } from "./cells/hints";
import { prepareConversion } from "./cells/prepare";
import type { CellConversion } from "./cells/types";
import { loadWithCodeCache, saveCodeCache } from "./code-cache";

// The one module that uses tslab's internals (tslab 1.0.22, pinned exactly: none of this is its
// public API). test/kernel/tslab-contract.test.ts fails loudly if an update changes what we rely
// on. We use tslab's converter (TypeScript → CommonJS per cell, with its declaration bookkeeping),
// its code metadata, its is-complete check, its quick-info printer and its public `tslab` module;
// the executor, handler and server are ours. Its bugs are fixed here, through the TypeScript module
// it requires (cells/converter-fixes.ts), not worked around elsewhere.

const tslabDir = path.dirname(require.resolve("tslab/package.json"));
const tsPath = require.resolve("@tslab/typescript-for-tslab", { paths: [tslabDir] });

/** The prefix tslab's converter puts before a cell in its TypeScript file. */
const prefixLength = () => `export {};${typescript().sys.newLine}`.length;

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

/** A cell compiler on one tslab converter: what the compiler worker (or an in-process session) runs. */
export interface TslabCompiler {
  convert(declarations: string, src: string): CellConversion;
  complete(declarations: string, src: string, position: number): CompletionInfo;
  /** The signature and documentation at `position`, or of the call whose parentheses hold it. */
  inspect(declarations: string, src: string, position: number): string | null;
  close(): void;
}

/** How tslab treats a cell: a `%% module NAME` cell, a `%% browser` cell, or plain code. */
export function cellKind(src: string): "module" | "browser" | "code" {
  const { getCodeMetadata } = require("tslab/dist/metadata") as typeof import("tslab/dist/metadata");
  const meta = getCodeMetadata(src);
  return meta.module ? "module" : meta.mode === "browser" ? "browser" : "code";
}

/** Build a converter in this thread (the slow part, ~0.6 s); installCompilerOptions() first. */
export function createTslabCompiler(): TslabCompiler {
  if (!fixes) throw new Error("installCompilerOptions() must run before createTslabCompiler().");
  const f = fixes;
  const ts = typescript();
  const { createConverter } = require("tslab/dist/converter") as typeof import("tslab/dist/converter");
  const { getCodeMetadata } = require("tslab/dist/metadata") as typeof import("tslab/dist/metadata");
  const { printQuickInfo } = require("tslab/dist/inspect") as typeof import("tslab/dist/inspect");
  const converter: Converter = createConverter({ isJS: false, isBrowser: false });
  return {
    convert(declarations, src) {
      const meta = getCodeMetadata(src);
      if (meta.module) return { diagnostics: converter.addModule(meta.module, src, meta) };
      if (meta.mode === "browser") return { diagnostics: [] };
      f.expect(src);
      let result: ConvertResult;
      try {
        result = converter.convert(declarations, src);
      } finally {
        f.expect(null);
      }
      const diagnostics = addHints(ts, f.program(), result.diagnostics, prefixLength());
      return prepareConversion(ts, { ...result, diagnostics }, src, result.output ? f.mapsFor(result.output) : undefined);
    },
    complete(declarations, src, position) {
      const info = converter.complete(declarations, src, position);
      // tslab filters by the identifier's escaped spelling, so `__r` (escaped `___r`) matched nothing.
      const typed = src.slice(info.start, position);
      if (!typed.startsWith("__") || !info.original) return info;
      return { ...info, candidates: info.original.entries.map((e) => e.name).filter((name) => name.startsWith(typed)) };
    },
    inspect(declarations, src, position) {
      const at = converter.inspect(declarations, src, position);
      const info = at ?? converter.inspect(declarations, src, calleeEnd(ts, src, position) ?? -1);
      return info ? printQuickInfo(info) : null;
    },
    close: () => converter.close(),
  };
}

/** Inside a call's parentheses (`tensor(`, `new nn.Linear(2, `): the end of its callee's name. */
export function calleeEnd(ts: typeof TS, src: string, position: number): number | undefined {
  const file = ts.createSourceFile("cell.ts", src, ts.ScriptTarget.Latest, true);
  let found: number | undefined;
  const visit = (node: TS.Node): void => {
    // An unclosed call (the student is still typing its arguments) holds everything after its `(`.
    const open = src[node.end - 1] !== ")";
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments && node.arguments.pos <= position && (open || position < node.end)) {
      const callee = node.expression;
      found = (ts.isPropertyAccessExpression(callee) ? callee.name : callee).end - 1;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
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
