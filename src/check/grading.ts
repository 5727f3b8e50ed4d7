// The grading side of check(): while the grader runs a test, check() sends the value (never
// compares it) through a channel captured before any student cell ran. Each message carries the
// nonce of the test the grader is running, which student code cannot know beforehand, and the
// grader drops anything else. References never reach this process.
import * as path from "node:path";
import { restoreIntrinsics, snapshotIntrinsics } from "./intrinsics";
import { type CheckValue } from "./values";

/** What check() sends to the grading process for each call during a test. */
export interface CheckMessage {
  type: "gradlab/check";
  nonce: string;
  test: string;
  label: string;
  value: CheckValue;
  rtol?: number;
  atol?: number;
  /** The author expects false here (a boolean reference that is false is refused otherwise). */
  expect?: false;
}

/** Sent when a test starts: which intrinsics could not be restored (a submission froze them). */
export interface BeginMessage {
  type: "gradlab/begin";
  nonce: string;
  test: string;
  unrestored: string[];
}

type Send = (message: CheckMessage | BeginMessage) => void;
type TslabGlobal = { exports: Record<string, unknown>; require: unknown };

const libraryDir = path.dirname(__dirname);
let channel: Send | null = null;
let active: { nonce: string; test: string } | null = null;
let snapshot: ReturnType<typeof snapshotIntrinsics> | null = null;
let tslab: { holder: TslabGlobal; exports: Record<string, unknown>; require: unknown } | null = null;
let realCheck: unknown = null;

/** @internal The grader's child calls this once, before the first student cell: later calls throw. */
export function connectGrader(send: Send): void {
  if (channel !== null) throw new Error("gradlab: the grading channel is already connected.");
  channel = send;
  snapshot = snapshotIntrinsics(libraryDir);
  const holder = (globalThis as { __tslab__?: TslabGlobal }).__tslab__;
  if (holder !== undefined) tslab = { holder, exports: holder.exports, require: holder.require };
}

/** @internal check/index.ts registers the real check() once, so beginTest can put it back. */
export function rememberCheck(check: unknown): void {
  if (realCheck === null) realCheck = check;
}

/** @internal Starts a test: restores built-ins, the library and `check`, then accepts checks for this nonce. */
export function beginTest(nonce: string, test: string): void {
  if (channel === null || snapshot === null) return;
  const unrestored = restoreIntrinsics(snapshot);
  if (tslab !== null) {
    (globalThis as { __tslab__?: TslabGlobal }).__tslab__ = tslab.holder;
    tslab.holder.exports = tslab.exports;
    tslab.holder.require = tslab.require;
    if (tslab.exports.check !== realCheck) tslab.exports.check = realCheck;
  }
  active = { nonce, test };
  channel({ type: "gradlab/begin", nonce, test, unrestored });
}

/** @internal Ends the test started with this nonce. */
export function endTest(nonce: string): void {
  if (active?.nonce === nonce) active = null;
}

/** True when a grader is connected: check() then sends instead of comparing. */
export function grading(): boolean {
  return channel !== null;
}

/** Sends one check value for the running test; outside a test the value goes nowhere. */
export function sendCheck(label: string, value: CheckValue, tol: { rtol?: number; atol?: number; expect?: false }): void {
  if (channel === null || active === null) return;
  channel({ type: "gradlab/check", nonce: active.nonce, test: active.test, label, value, ...tol });
}
