import * as crypto from "node:crypto";
import type { BundleTest } from "../bundle";
import { type OpenedRecord, openRecord } from "../harness/record";

// The code the grader runs for one test, and what it accepts back. The test's code (from the
// bundle) runs in a block, so its names stay its own; the runner's child runs the harness's
// beginTest before it and endTest after, for a fresh nonce. Only records sealed with the runner's
// key, for that nonce and test, count; anything else the submission's process sends is dropped.

/** A fresh, unguessable nonce for one test execution. */
export function newNonce(): string {
  return crypto.randomBytes(16).toString("hex");
}

/** The cell source the runner executes for a test. */
export function testCellCode(test: BundleTest): string {
  return `{${test.code}\n}`;
}

/** TypeScript reports columns of the whole first line; shift those back to the test's own code. */
export function unshiftColumns(text: string, code: string, prefix = "{"): string {
  const offset = code.startsWith(prefix) ? prefix.length : 0;
  return text.replace(/(^|\n|TypeScriptError: )1:(\d+) - /g, (_, lead: string, col: string) => `${lead}1:${Math.max(1, Number(col) - offset)} - `);
}

/** One check a test sent; `problem` says why its value could not be read (the check then fails). */
export type ReceivedCheck = Extract<OpenedRecord, { type: "check" }>;

/** What the records of one test execution say. */
export interface TestRecords {
  began: Extract<OpenedRecord, { type: "begin" }> | null;
  ended: Extract<OpenedRecord, { type: "end" }> | null;
  checks: ReceivedCheck[];
  /** What the harness found changed during the test (at a check or at its end). */
  modified: string[];
}

/** The records that belong to this test execution, verified with the runner's key. */
export function testRecords(messages: unknown[], key: string, nonce: string, testId: string): TestRecords {
  const out: TestRecords = { began: null, ended: null, checks: [], modified: [] };
  for (const message of messages) {
    const r = openRecord(key, message);
    if (r === null || r.nonce !== nonce || r.test !== testId) continue;
    if (r.type === "begin" && out.began === null) out.began = r;
    else if (r.type === "check" && out.began !== null && out.ended === null) out.checks.push(r);
    else if (r.type === "end" && out.began !== null && out.ended === null) out.ended = r;
    if (r.type !== "begin") for (const name of r.modified) if (!out.modified.includes(name)) out.modified.push(name);
  }
  return out;
}
