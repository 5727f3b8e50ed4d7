import * as crypto from "node:crypto";
import * as path from "node:path";
import type { BundleTest } from "../bundle";
import type { BeginMessage, CheckMessage } from "../../src/check/grading";

// The code the grader sends for one test: the bundle's test code between beginTest and endTest
// calls that carry a fresh nonce. Only records with that nonce, received while this test ran,
// count; anything a submission sends on its own is dropped.

/** A fresh, unguessable nonce for one test execution. */
export function newNonce(): string {
  return crypto.randomBytes(16).toString("hex");
}

/** The grading hooks' module next to a library entry, as a string literal for test code. */
export function gradingModuleOf(libraryEntry: string): string {
  return JSON.stringify(path.join(path.dirname(libraryEntry), "check", "grading.js"));
}

/** The same, found from inside a kernel whose library path the grader does not know (a remote gateway). */
export const gradingModuleInKernel = 'require("path").join(require("path").dirname(require.resolve("gradlab")), "check", "grading.js")';

/** The cell source the runner executes for a test; `grading` is an expression naming the hooks module. */
export function testCellCode(test: BundleTest, nonce: string, grading: string): string {
  const args = `${JSON.stringify(nonce)}, ${JSON.stringify(test.id)}`;
  // The preamble shares the body's first line, so line numbers in errors match the test's own.
  const begin = `(require(${grading}) as { beginTest(n: string, t: string): void }).beginTest(${args}); try { `;
  const end = `\n} finally { (require(${grading}) as { endTest(n: string): void }).endTest(${JSON.stringify(nonce)}); }`;
  return begin + test.code + end;
}

/** TypeScript reports columns of the whole first line; shift those back to the test's own code. */
export function unshiftColumns(text: string, code: string): string {
  const offset = code.indexOf(" try { ") + " try { ".length;
  return text.replace(/(^|\n|TypeScriptError: )1:(\d+) - /g, (_, lead: string, col: string) => `${lead}1:${Math.max(1, Number(col) - offset)} - `);
}

/** The records of one test execution that belong to it. */
export function testMessages(messages: unknown[], nonce: string, testId: string): { began: BeginMessage | null; checks: CheckMessage[] } {
  let began: BeginMessage | null = null;
  const checks: CheckMessage[] = [];
  for (const m of messages) {
    const r = m as { type?: unknown; nonce?: unknown; test?: unknown; label?: unknown; value?: unknown; unrestored?: unknown } | null;
    if (r === null || typeof r !== "object" || r.nonce !== nonce || r.test !== testId) continue;
    if (r.type === "gradlab/begin" && began === null) began = { type: "gradlab/begin", nonce, test: testId, unrestored: Array.isArray(r.unrestored) ? r.unrestored.map(String) : [] };
    if (r.type === "gradlab/check" && began !== null && typeof r.label === "string" && r.value !== undefined) checks.push(r as unknown as CheckMessage);
  }
  return { began, checks };
}
