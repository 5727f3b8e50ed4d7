import type * as TS from "typescript";
import { unescapeAnyDeclarations } from "./converter-fixes";
import { STOP_GLOBAL } from "./interrupt-flag";
import { type CellMaps, composeLineTable, shiftColumns } from "./line-table";
import type { CellConversion, CellProgram, Diagnostic, ProgramMode, SideModule } from "./types";

// From what tslab's converter returns for a cell to a CellProgram. The CommonJS it emits starts
// with `exports.a = exports.b = void 0;`, which would erase the not-initialised markers: those
// lines are blanked and give the cell's declared names instead. Top-level awaits become `yield`
// (the executor drives the cell as a generator); nested awaits pass through __gradlab.resume;
// every loop body starts with the loop check, where an Interrupt stops a runaway loop
// (interrupt-flag.ts). Every edit keeps line numbers, so the line table stays right after
// shifting its columns.

/** tslab's ConvertResult, the fields read here. */
export interface TslabConversion {
  output?: string;
  declOutput?: string;
  diagnostics: Diagnostic[];
  lastExpressionVar?: string;
  hasToplevelAwait?: boolean;
  sideOutputs?: SideModule[];
}

/** Lines of tslab's TypeScript file before the cell's first line (its `export {};` prefix). */
export const TSLAB_PREFIX_LINES = 1;

const VOID_EXPORTS = /^exports\.[^\s=]+(?: = exports\.[^\s=]+)* = void 0;$/;
const ES_MODULE_FLAG = 'Object.defineProperty(exports, "__esModule", { value: true });';
const WRAPPER = "async function __cell__() {\n";

type Edit = { at: number; remove: number; text: string; order: number };

/** The conversion the executor runs, from tslab's output for `source`, its loops starting with `loopCheck`. */
export function prepareConversion(ts: typeof TS, result: TslabConversion, source: string, maps: CellMaps | undefined, loopCheck = LOOP_CHECK): CellConversion {
  if (result.diagnostics.length > 0) return { diagnostics: result.diagnostics };
  const declarations = result.declOutput === undefined ? undefined : unescapeAnyDeclarations(result.declOutput);
  const modules = result.sideOutputs;
  if (!result.output) return { diagnostics: [], declarations, ...(modules && { modules }) };
  const declared = new Set<string>();
  const lines = result.output.split("\n").map((line) => {
    if (line !== ES_MODULE_FLAG && !VOID_EXPORTS.test(line)) return line;
    for (const [, name] of line.matchAll(/exports\.([^\s=]+)/g)) declared.add(name!);
    return " ".repeat(line.length);
  });
  if (result.lastExpressionVar) declared.delete(result.lastExpressionVar);
  const blanked = lines.join("\n");
  const { js, mode, insertions } = rewriteBody(ts, blanked, result.hasToplevelAwait === true, loopCheck);
  const cellLines = source.split("\n").length;
  const table = maps ? composeLineTable(maps, TSLAB_PREFIX_LINES, cellLines) : lines.map(() => []);
  const program: CellProgram = {
    js,
    mode,
    declared: [...declared],
    ...(result.lastExpressionVar && { lastExpression: result.lastExpressionVar }),
    lines: shiftColumns(table, insertions),
  };
  return { diagnostics: [], declarations, program, ...(modules && { modules }) };
}

/** What every loop body of a cell compiled for Node starts with (free while the global is never set). */
export const LOOP_CHECK = `if (${STOP_GLOBAL} !== 0) __gradlab.check();`;
/** The loop check of a host whose flag only another thread's shared memory can raise (a browser worker). */
export const SHARED_LOOP_CHECK = "if (__gradlab.pending[0] !== 0) __gradlab.check();";

/** The body with its awaits rewritten and its loops checked, its mode, and the [line, column, length] of each insertion. */
function rewriteBody(ts: typeof TS, js: string, topLevelAwait: boolean, check: string): { js: string; mode: ProgramMode; insertions: Array<[number, number, number]> } {
  if (!/\b(await|for|while|do)\b/.test(js)) return { js, mode: topLevelAwait ? "async" : "sync", insertions: [] };
  const file = ts.createSourceFile("cell.js", `${WRAPPER}${js}\n}`, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const at = (pos: number) => pos - WRAPPER.length;
  const awaits: Array<{ start: number; end: number; top: boolean }> = [];
  const edits: Edit[] = [];
  let forAwait = false;
  const visit = (node: TS.Node, top: boolean): void => {
    if (ts.isAwaitExpression(node)) awaits.push({ start: at(node.getStart(file)), end: at(node.end), top });
    if (top && ts.isForOfStatement(node) && node.awaitModifier) forAwait = true;
    if (ts.isIterationStatement(node, false)) edits.push(...loopCheckEdits(ts, file, node.statement, at, check));
    const inner = top && !ts.isFunctionLike(node) && !ts.isClassLike(node);
    ts.forEachChild(node, (child) => visit(child, inner));
  };
  const body = (file.statements[0] as TS.FunctionDeclaration).body!;
  body.statements.forEach((s) => visit(s, true));
  const mode: ProgramMode = !topLevelAwait ? "sync" : forAwait ? "async" : "steps";
  for (const a of awaits) {
    if (a.top && mode === "steps") {
      edits.push({ at: a.start, remove: 0, text: "(", order: 3 }, { at: a.start, remove: 5, text: "yield", order: 4 }, { at: a.end, remove: 0, text: ")", order: 0 });
    } else {
      edits.push({ at: a.start, remove: 0, text: "await __gradlab.resume(", order: 3 }, { at: a.end, remove: 0, text: ")", order: 0 });
    }
  }
  if (edits.length === 0) return { js, mode, insertions: [] };
  return { js: applyEdits(js, edits), mode, insertions: insertionsOf(js, edits) };
}

// A block body gets the check after its `{`; a single statement is wrapped in a block that starts with it.
function loopCheckEdits(ts: typeof TS, file: TS.SourceFile, body: TS.Statement, at: (pos: number) => number, check: string): Edit[] {
  if (ts.isBlock(body)) return [{ at: at(body.getStart(file)) + 1, remove: 0, text: check, order: 2 }];
  return [
    { at: at(body.getStart(file)), remove: 0, text: `{${check}`, order: 2 },
    { at: at(body.end), remove: 0, text: "}", order: 1 },
  ];
}

// At one position, what closes there comes first (an await's `)` before a loop body's `}`), then
// what opens (a loop body's check before an await that starts the body).
function applyEdits(text: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.at - b.at || a.order - b.order);
  let out = "";
  let pos = 0;
  for (const e of sorted) {
    out += text.slice(pos, e.at) + e.text;
    pos = e.at + e.remove;
  }
  return out + text.slice(pos);
}

function insertionsOf(text: string, edits: Edit[]): Array<[number, number, number]> {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  const lineOf = (at: number) => {
    let line = 0;
    while (line + 1 < starts.length && starts[line + 1]! <= at) line++;
    return line;
  };
  return edits
    .filter((e) => e.text.length !== e.remove)
    .map((e): [number, number, number] => {
      const line = lineOf(e.at);
      return [line, e.at - starts[line]!, e.text.length - e.remove];
    });
}
