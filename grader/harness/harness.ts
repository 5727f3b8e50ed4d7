import * as path from "node:path";
import type { CheckSink } from "../../src/check/index";
import type { RngState } from "../../src/random";
import { bareArray } from "../../src/check/primordials";
import { changedIntrinsics, restoreIntrinsics, snapshotIntrinsics } from "./intrinsics";
import { type RecordBody, sealRecord } from "./record";
import { type HolderLock, lockTslabHolder } from "./tslab-holder";

// The grading harness inside the submission's process, installed before any student cell runs. The
// runner's child (our code, not a cell) calls beginTest before it runs a test cell and endTest after:
// test code holds no reference to the harness, so nothing a submission hooks (the module loader, a
// global, the grading module) can stand in for it. check() reaches it through the sink the library
// received here, which cannot be replaced. Records are sealed with the key (see record.ts).

/** What the harness needs: where records go, the key, and the library instance cells use. */
export interface HarnessOptions {
  /** Hands a sealed record to the runner (sent with the result of the cell that is running). */
  emit: (sealed: string) => void;
  key: string;
  library: { check: unknown; setCheckSink(sink: CheckSink): void; manualSeed(seed: number): void; getRngState(): RngState; setRngState(s: RngState): void };
  libraryEntry: string;
  /**
   * The random generator starts every graded run from this seed, whatever ran before the first cell
   * (the runner's warm-up draws numbers): `assign` runs the solution under two seeds to find
   * references that depend on unseeded randomness.
   */
  seed: number;
}

/** The hooks the runner's child calls around each test cell. */
export interface TestHooks {
  /** `rng`: the generator's state when this test began in the solution's run, restored before it runs. */
  beginTest(nonce: string, test: string, rng?: RngState): void;
  endTest(): void;
}

const deny = (what: string) => () => {
  throw new Error(`gradlab: ${what} is not available while a notebook is graded.`);
};

// A heap snapshot would show the key and the records; nothing else in the process exposes them.
// (The module object itself, not an import wrapper: cells get this object from require("v8").)
function denyHeapSnapshots(): void {
  const v8 = require("node:v8") as object;
  for (const name of ["getHeapSnapshot", "writeHeapSnapshot", "setHeapSnapshotNearHeapLimit"]) {
    Object.defineProperty(v8, name, { value: deny(`v8.${name}`), writable: false, configurable: false });
  }
}

/** Install the harness: lock `check`, take the sink, snapshot what tests rely on. Call once, before any student cell. */
export function installHarness(options: HarnessOptions): TestHooks {
  const { emit, key, library } = options;
  denyHeapSnapshots();
  const holder: HolderLock = lockTslabHolder(library.check);
  let active: { nonce: string; test: string } | null = null;
  const seal = (body: RecordBody) => emit(sealRecord(key, body));
  const changed = (): string[] => {
    const names = holder.changed();
    const more = changedIntrinsics(snapshot);
    for (let i = 0; i < more.length; i++) names[names.length] = more[i];
    return names;
  };
  library.setCheckSink((label, value, tol) => {
    if (active === null) return;
    const { nonce, test } = active;
    seal({ type: "check", nonce, test, label, value, ...tol, modified: changed() });
  });
  const { getRngState, setRngState } = library;
  library.manualSeed(options.seed);
  const snapshot = snapshotIntrinsics(path.dirname(options.libraryEntry));
  return {
    beginTest(nonce: string, test: string, rng?: RngState): void {
      const unrestored = holder.restore();
      const more = restoreIntrinsics(snapshot);
      for (let i = 0; i < more.length; i++) unrestored[unrestored.length] = more[i];
      if (rng !== undefined) setRngState(rng);
      active = { nonce, test };
      seal({ type: "begin", nonce, test, unrestored: unrestored.length > 0 ? unrestored : bareArray(), rng: getRngState() });
    },
    endTest(): void {
      if (active === null) return;
      const { nonce, test } = active;
      active = null;
      seal({ type: "end", nonce, test, modified: changed() });
    },
  };
}
