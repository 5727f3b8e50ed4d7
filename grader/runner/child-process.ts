import { type ChildProcess, fork } from "node:child_process";
import * as path from "node:path";
import { packageRoot } from "../../kernel/paths";
import { gradlabNodeFlags } from "../../src/node-flags";
import type { ChildSettings, FromChild } from "./protocol";

// Spawning the runner child: Node flags for the memory limit and the optional permission-model
// sandbox, a scrubbed environment, and the last lines of native stderr (V8's out-of-memory report).

/** Confinement for untrusted notebooks (Node 20's experimental permission model). */
export interface SandboxOptions {
  /** Extra files or folders the cells may read (the library, node_modules and cwd are added). */
  readPaths?: string[];
  /** The only folder the cells may write to (usually the scratch cwd). */
  writePath: string;
}

/** What a child is started with. */
export interface SpawnOptions {
  cwd: string;
  memoryMb: number;
  maxOutputBytes: number;
  sandbox?: SandboxOptions;
  env?: Record<string, string>;
  libraryEntry?: string;
  setup?: string;
  /** Cells arrive compiled by the parent (ChildSettings.compile). */
  compile?: "parent";
}

/** The compiled child entry. */
export const childEntry = path.join(packageRoot, "dist", "grader", "runner", "child.js");

/** A started child and the tail of what it wrote to fd 2 outside any cell. */
export interface SpawnedChild {
  process: ChildProcess;
  ready: Promise<number>;
  stderrTail: () => string;
  /** Parent-compile mode: tslab's declarations in the child, or null once the child compiles itself. */
  decl: string | null;
}

/** What a sandboxed child may read (folders end with a separator); a parent compiler reads the same. */
export function sandboxReads(options: { cwd: string; libraryEntry?: string; setup?: string; readPaths?: string[] }): string[] {
  return [
    path.join(packageRoot, "node_modules") + path.sep,
    path.join(packageRoot, "dist") + path.sep,
    path.join(packageRoot, "package.json"),
    path.resolve(options.cwd) + path.sep,
    ...(options.libraryEntry ? [path.dirname(options.libraryEntry) + path.sep] : []),
    ...(options.setup ? [options.setup] : []),
    ...(options.readPaths ?? []),
  ];
}

/** Node flags for the child. */
export function nodeFlags(options: SpawnOptions): string[] {
  const flags = [`--max-old-space-size=${options.memoryMb}`, ...gradlabNodeFlags()];
  if (!options.sandbox) return flags;
  const reads = sandboxReads({ ...options, readPaths: options.sandbox.readPaths });
  return [
    ...flags,
    "--experimental-permission",
    "--no-warnings=ExperimentalWarning",
    ...reads.map((p) => `--allow-fs-read=${p}`),
    `--allow-fs-write=${path.resolve(options.sandbox.writePath)}${path.sep}`,
  ];
}

/** Fork the child; `ready` resolves with its startup time or rejects with why it failed. */
export function spawnChild(options: SpawnOptions): SpawnedChild {
  const { maxOutputBytes, libraryEntry, setup, compile } = options;
  const settings: ChildSettings = { maxOutputBytes, libraryEntry, setup, ...(compile && { compile }) };
  const base = options.sandbox ? { PATH: process.env.PATH ?? "/usr/bin:/bin" } : process.env;
  const child = fork(childEntry, [], {
    cwd: options.cwd,
    execArgv: nodeFlags(options),
    env: { ...base, ...options.env, GRADLAB_RUNNER: JSON.stringify(settings) },
    serialization: "advanced",
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  let tail = "";
  const spawned: SpawnedChild = { process: child, ready: Promise.resolve(0), stderrTail: () => tail, decl: null };
  child.stderr?.setEncoding("utf8").on("data", (text: string) => {
    tail = (tail + text).slice(-4000);
  });
  const ready = new Promise<number>((resolve, reject) => {
    const onMessage = (message: FromChild) => {
      if (message.type === "ready") {
        spawned.decl = message.decl ?? null;
        resolve(message.ms);
      }
      if (message.type === "failed") reject(new Error(`The notebook runner could not start: ${message.message}`));
      if (message.type === "ready" || message.type === "failed") child.off("message", onMessage);
    };
    child.on("message", onMessage);
    child.once("exit", (code, signal) =>
      reject(new Error(`The notebook runner exited while starting (code ${code}, signal ${signal}): ${tail.trim()}`)),
    );
    child.once("error", reject);
  });
  ready.catch(() => undefined);
  spawned.ready = ready;
  return spawned;
}
