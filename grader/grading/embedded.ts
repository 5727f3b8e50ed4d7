import * as crypto from "node:crypto";
import * as os from "node:os";
import * as path from "node:path";
import { childSetupModule } from "../harness/child-setup";
import { newKey } from "../harness/record";
import { type ParentCompiler, type Runner, type RunnerOptions, type SandboxOptions, startRunner } from "../runner/index";
import { mechanismOf } from "../runner/child-process";
import { makeTempDir } from "../runner/temp-dirs";

// The one way grading starts an embedded runner: the grading harness as its setup module, a fresh
// harness key per runner, the limits, and — when untrusted — a sandbox whose scratch folder is the
// runner's cwd (a tmpfs inside bubblewrap; a temp folder, removed afterwards, with the permission model).

/** Where a grading runner runs and how it is limited. */
export interface EmbeddedOptions {
  /** The notebook's folder; with a sandbox, leave it out to get a fresh scratch folder. */
  cwd?: string;
  timeoutMs: number;
  memoryMb?: number;
  libraryEntry?: string;
  sandbox?: SandboxOptions;
  compiler?: ParentCompiler;
  env?: Record<string, string>;
  /** The seed the harness starts the random generator from (assign's second run uses another). */
  seed?: number;
  /** Aborting it kills the runner's child and stops restarts (RunnerOptions.signal). */
  signal?: AbortSignal;
}

/** Runner options with the harness; `scratch` is the folder to remove afterwards (null: none outside). */
export function gradingRunnerOptions(options: EmbeddedOptions): RunnerOptions & { scratch: string | null } {
  const ownScratch = mechanismOf(options.sandbox)?.kind === "bwrap";
  const cwd = options.cwd
    ?? (ownScratch ? path.join(os.tmpdir(), `gradlab-scratch-${crypto.randomBytes(6).toString("hex")}`) : makeTempDir("scratch"));
  return {
    cwd,
    scratch: options.cwd === undefined && !ownScratch ? cwd : null,
    timeoutMs: options.timeoutMs,
    ...(options.memoryMb !== undefined && { memoryMb: options.memoryMb }),
    ...(options.libraryEntry !== undefined && { libraryEntry: options.libraryEntry }),
    ...(options.sandbox && { sandbox: options.sandbox }),
    ...(options.compiler && { compiler: options.compiler }),
    ...(options.env && { env: options.env }),
    ...(options.seed !== undefined && { seed: options.seed }),
    ...(options.signal && { signal: options.signal }),
    setup: childSetupModule,
    harnessKey: newKey(),
  };
}

/** ExecuteOptions.startRunner for runners with these options: each call starts one with a new key. */
export function embeddedRunners(options: EmbeddedOptions & { cwd: string }): () => Promise<Runner> {
  return () => startRunner(gradingRunnerOptions(options));
}
