import { decode } from "@jridgewell/sourcemap-codec";
import type { LineTable } from "./types";

// A cell's TypeScript is emitted as an ES module (source map 1) and then turned into CommonJS
// (source map 2). Tracebacks only need "which cell line is this JS position", so the two maps are
// composed once, at compile time, into a LineTable.

/** The source maps behind one converted cell: CommonJS → ES module → the TypeScript file. */
export interface CellMaps {
  /** `mappings` of the CommonJS output's map (sources: the ES module). */
  commonJs: string;
  /** `mappings` of the ES module's map (sources: the cell's TypeScript file). */
  module: string;
}

/**
 * Compose the maps. `firstLine` is the 0-based line of the TypeScript file where the cell's first
 * line is (tslab prefixes one line), `cellLines` how many lines the cell has.
 */
export function composeLineTable(maps: CellMaps, firstLine: number, cellLines: number): LineTable {
  const toModule = decode(maps.commonJs);
  const toTs = decode(maps.module);
  return toModule.map((segments) => {
    const out: Array<[number, number]> = [];
    for (const seg of segments) {
      if (seg.length < 4) continue;
      const moduleLine = toTs[seg[2]!] ?? [];
      const hit = moduleLine.filter((s) => s[0] <= seg[3]!).at(-1) ?? moduleLine[0];
      if (!hit || hit.length < 4) continue;
      const line = hit[2]! - firstLine + 1;
      if (line < 1 || line > cellLines || out.at(-1)?.[1] === line) continue;
      out.push([seg[0], line]);
    }
    return out;
  });
}

/** Move the columns of `table` right by text inserted at [line, column, length] (0-based) positions. */
export function shiftColumns(table: LineTable, insertions: Array<[number, number, number]>): LineTable {
  return table.map((segments, line) => {
    const here = insertions.filter(([l]) => l === line);
    if (here.length === 0) return segments;
    return segments.map(([col, cellLine]): [number, number] => [col + here.filter(([, c]) => c <= col).reduce((n, [, , len]) => n + len, 0), cellLine]);
  });
}
