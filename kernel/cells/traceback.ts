import { cellMsg } from "./messages";
import type { CellError, LineTable } from "./types";

// Tracebacks in the student's terms: each stack frame in a cell is named by the cell and the line
// of its TypeScript (`cell 5, line 3`, with that line), frames in the student's own modules keep
// their file, and everything inside the library and the platform is folded into one line.

/** What the traceback needs to know about one run of a cell. */
export interface CellRecord {
  cell: number;
  lines: LineTable;
  source: string[];
}

/** The line the executor prepends to a program's body: frames count lines from it. */
export const BODY_LINE_OFFSET = 1;

/** Where cells and student modules live, for reading stack frames. */
export interface FrameIndex {
  /** The record of the cell compiled as `filename`, if it is one. */
  cell(filename: string): CellRecord | undefined;
  /** True for a file of the student's (a local module compiled with a cell). */
  isStudentFile(filename: string): boolean;
}

type Frame = { fn: string | null; file: string; line: number; column: number };

const V8_FRAME = /^\s*at (?:(.+?) \()?(.+):(\d+):(\d+)\)?$/;
const SPIDERMONKEY_FRAME = /^(.*?)@(.+):(\d+):(\d+)$/;
const MAX_FOLDED_NAMES = 3;

function parseFrame(line: string): Frame | null {
  const m = V8_FRAME.exec(line) ?? SPIDERMONKEY_FRAME.exec(line);
  if (!m) return null;
  // A timer's callback reads `Timeout.later [as _onTimeout]` in V8 (the student named it `later`),
  // an anonymous one `Timeout._onTimeout`.
  const fn = (m[1] ?? "").replace(/^async /, "").replace(/^(Object|Proxy|Timeout|Immediate)\./, "").replace(/ \[as [^\]]+\]$/, "").trim();
  return { fn: fn === "" || fn === "<anonymous>" || fn === "_onTimeout" || fn === "_onImmediate" ? null : fn, file: m[2]!, line: Number(m[3]), column: Number(m[4]) };
}

/** The cell line (1-based) of a 1-based line and column of the compiled source, or null. */
export function cellLine(lines: LineTable, line: number, column: number): number | null {
  let row = line - 1 - BODY_LINE_OFFSET;
  if (row < 0 || row >= lines.length) return null;
  const exact = lines[row]!.filter(([col]) => col <= column - 1).at(-1);
  if (exact) return exact[1];
  // A generated line (an export copy after a declaration) belongs to the code before it.
  for (row--; row >= 0; row--) {
    const last = lines[row]!.at(-1);
    if (last) return last[1];
  }
  return lines.find((segments) => segments.length > 0)?.[0]?.[1] ?? null;
}

/**
 * The traceback lines of a thrown value's stack, innermost first: frames inside the library or the
 * platform where it was thrown are folded into one line (with their names), those between student
 * frames into a count, and those after the last student frame (the executor itself) are dropped.
 */
export function tracebackLines(stack: string, index: FrameIndex): string[] {
  const out: string[] = [];
  let folded: Frame[] = [];
  const flush = (leading: boolean) => {
    if (folded.length === 0) return;
    const names = leading ? folded.filter((f) => f.fn && !f.file.startsWith("node:")).map((f) => f.fn!).slice(0, MAX_FOLDED_NAMES) : [];
    out.push(cellMsg.folded(folded.length, names));
    folded = [];
  };
  for (const raw of stack.split("\n")) {
    const frame = parseFrame(raw);
    if (!frame) continue;
    const record = index.cell(frame.file);
    const line = record ? cellLine(record.lines, frame.line, frame.column) : null;
    if (record && line !== null) {
      flush(out.length === 0);
      const text = cellMsg.cellFrame(frame.fn, record.cell, line, record.source[line - 1]?.trim() ?? "");
      // An anonymous callback and the line that calls it (an IIFE, recursion) read the same: once is enough.
      if (out.at(-1) !== text) out.push(text);
    } else if (index.isStudentFile(frame.file)) {
      flush(out.length === 0);
      out.push(cellMsg.fileFrame(frame.fn, `${frame.file}:${frame.line}:${frame.column}`));
    } else {
      folded.push(frame);
    }
  }
  if (out.length === 0) flush(true);
  return out;
}

/** A thrown value as a notebook error, `ename` overridden for interrupts. */
export function thrownError(thrown: unknown, index: FrameIndex, inspect: (value: unknown) => string, ename?: string): CellError {
  if (!(thrown instanceof Error)) {
    const evalue = cellMsg.uncaught(inspect(thrown));
    return { ename: ename ?? "Error", evalue, traceback: [evalue] };
  }
  const name = ename ?? (thrown.name || "Error");
  const head = `${name}: ${thrown.message}`;
  return { ename: name, evalue: thrown.message, traceback: [head, ...tracebackLines(thrown.stack ?? "", index)] };
}
