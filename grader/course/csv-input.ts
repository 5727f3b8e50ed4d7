import * as fs from "node:fs";
import { parse } from "csv-parse/sync";
import { courseMsg } from "../messages";

// The CSV files a TA hands to `gradlab grade` (roster, timestamps, manual scores), read with
// csv-parse: a header row, the columns each file needs, errors naming the file, line and column.

/** One data row, its values by column name, and its line in the file (for errors). */
export interface CsvRow {
  line: number;
  get(column: string): string;
}

/** The rows of `file`, which must have the `required` columns (any order; others are kept). */
export function readCsv(file: string, what: string, required: string[]): CsvRow[] {
  let records: string[][];
  try {
    records = parse(fs.readFileSync(file, "utf8"), { bom: true, skip_empty_lines: true, trim: true, relax_column_count: true }) as string[][];
  } catch (err) {
    throw new Error(courseMsg.badCsv(file, what, (err as Error).message));
  }
  const [header = [], ...rows] = records;
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new Error(courseMsg.missingColumns(file, what, missing, header));
  return rows.map((values, i) => ({ line: i + 2, get: (column: string) => values[header.indexOf(column)] ?? "" }));
}
