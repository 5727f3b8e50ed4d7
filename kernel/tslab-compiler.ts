import type * as TS from "typescript";
import type { CompletionInfo, Converter, ConvertResult } from "tslab/dist/converter";
import type { getCodeMetadata } from "tslab/dist/metadata";
import type { printQuickInfo } from "tslab/dist/inspect";
import type { ConverterFixes } from "./cells/converter-fixes";
import { addHints } from "./cells/hints";
import { prepareConversion } from "./cells/prepare";
import type { CellConversion } from "./cells/types";

// How a cell is compiled on one tslab converter, platform-neutral: the Node kernel (tslab.ts
// loads tslab and TypeScript through Node's require) and the browser kernel's worker (which
// bundles them over an in-memory file system) both compile cells with this.

/** A cell compiler on one tslab converter: what the compiler worker (or an in-process session) runs. */
export interface TslabCompiler {
  convert(declarations: string, src: string): CellConversion;
  complete(declarations: string, src: string, position: number): CompletionInfo;
  /** The signature and documentation at `position`, or of the call whose parentheses hold it. */
  inspect(declarations: string, src: string, position: number): string | null;
  close(): void;
}

/** The parts of tslab and TypeScript a compiler is made of, however the platform loads them. */
export interface TslabParts {
  /** TypeScript itself (unwrapped). */
  ts: typeof TS;
  /** The fixes wrapped around the TypeScript module the converter was built on. */
  fixes: ConverterFixes;
  converter: Converter;
  getCodeMetadata: typeof getCodeMetadata;
  printQuickInfo: typeof printQuickInfo;
  /** What loop bodies start with (cells/prepare.ts): Node's by default. */
  loopCheck?: string;
}

/** A compiler over a converter built on `fixes.ts`. */
export function tslabCompiler({ ts, fixes, converter, getCodeMetadata, printQuickInfo, loopCheck }: TslabParts): TslabCompiler {
  // The prefix tslab's converter puts before a cell in its TypeScript file.
  const prefixLength = `export {};${ts.sys.newLine}`.length;
  return {
    convert(declarations, src) {
      const meta = getCodeMetadata(src);
      if (meta.module) return { diagnostics: converter.addModule(meta.module, src, meta) };
      if (meta.mode === "browser") return { diagnostics: [] };
      fixes.expect(src);
      let result: ConvertResult;
      try {
        result = converter.convert(declarations, src);
      } finally {
        fixes.expect(null);
      }
      const diagnostics = addHints(ts, fixes.program(), result.diagnostics, prefixLength);
      return prepareConversion(ts, { ...result, diagnostics }, src, result.output ? fixes.mapsFor(result.output) : undefined, loopCheck);
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
