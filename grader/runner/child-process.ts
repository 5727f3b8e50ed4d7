import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import type * as net from "node:net";
import * as path from "node:path";
import { packageRoot } from "../../kernel/paths";
import { gradlabNodeFlags } from "../../src/node-flags";
import { parentChannel } from "./parent-channel";
import type { ChildSettings, FromChild, ToChild } from "./protocol";
import { type SandboxKind, type SandboxMechanism, sandboxNamed } from "./sandbox/index";

// Spawning the runner child: its Node flags (built in nodeFlags alone), a scrubbed environment, the
// sandbox mechanism's command around it, its own process group (killed as a group), the framed
// channel on fd 3 (parent-channel.ts), and the last lines of native stderr.

/** Confinement for untrusted notebooks: a sandbox mechanism, with Node's permission model inside it. */
export interface SandboxOptions {
  /** bwrap (namespaces, unprivileged uid, no network) or node (permission model only), or a mechanism object. */
  mechanism: SandboxKind | SandboxMechanism;
  /** Extra files or folders the cells may read (the library, node_modules and cwd are added). */
  readPaths?: string[];
  /** Size of the scratch folder where the mechanism limits it (bwrap: a tmpfs), MB; default 256. */
  scratchMb?: number;
  /** The assignment's data files, put read-only into the scratch folder at `target` (relative to it). */
  files?: DataFile[];
}

/** A data file on the grader's disk and where it appears in the child's scratch folder. */
export interface DataFile {
  source: string;
  target: string;
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
  /** The grading harness's key (ChildSettings.key). */
  key?: string;
  /** The harness's first seed (ChildSettings.seed). */
  seed?: number;
  /** Aborting it kills the child's process group, and no child starts once it is aborted (the TA's Ctrl-C). */
  signal?: AbortSignal;
}

/** The compiled child entry. */
export const childEntry = path.join(packageRoot, "dist", "grader", "runner", "child.js");

/** A started child: its process, channel, and the tail of what it wrote to fd 2 outside any cell. */
export interface SpawnedChild {
  process: ChildProcess;
  ready: Promise<number>;
  stderrTail: () => string;
  /** Parent-compile mode: tslab's declarations in the child, or null once the child compiles itself. */
  decl: string | null;
  send(message: ToChild): void;
  /** Validated messages from the child. */
  onMessage(listener: (message: FromChild) => void): () => void;
  /** Set once the child broke the protocol (it is being killed). */
  violation: string | null;
  /** SIGINT to node itself; SIGKILL to the child's whole process group. */
  signal(signal: "SIGINT" | "SIGKILL"): void;
  /** node's own pid (inside a sandbox it is not the spawned process). */
  nodePid(): number | null;
  /** Whether it has exited. */
  exited(): boolean;
}

// Every node_modules folder Node's resolution walks from gradlab up: installed as a dependency
// (course/node_modules/gradlab), gradlab's own dependencies sit in the folder above it.
function moduleFolders(): string[] {
  const found: string[] = [];
  for (let dir = packageRoot; ; dir = path.dirname(dir)) {
    const folder = path.basename(dir) === "node_modules" ? null : path.join(dir, "node_modules");
    if (folder !== null && fs.existsSync(folder)) found.push(folder + path.sep);
    if (path.dirname(dir) === dir) return found;
  }
}

/** What a sandboxed child may read (folders end with a separator); a parent compiler reads the same. */
export function sandboxReads(options: { cwd: string; libraryEntry?: string; setup?: string; readPaths?: string[] }): string[] {
  return [
    ...moduleFolders(),
    path.join(packageRoot, "dist") + path.sep,
    path.join(packageRoot, "package.json"),
    path.resolve(options.cwd) + path.sep,
    ...(options.libraryEntry ? [path.dirname(options.libraryEntry) + path.sep] : []),
    ...(options.setup ? [options.setup] : []),
    ...(options.readPaths ?? []),
  ];
}

/** Node flags for the child: the memory limit and, when sandboxed, the permission model. */
export function nodeFlags(options: SpawnOptions): string[] {
  const flags = [`--max-old-space-size=${options.memoryMb}`, ...gradlabNodeFlags()];
  if (!options.sandbox) return flags;
  const reads = sandboxReads({ ...options, readPaths: options.sandbox.readPaths });
  return [
    ...flags,
    "--experimental-permission",
    "--no-warnings=ExperimentalWarning",
    ...reads.map((p) => `--allow-fs-read=${p}`),
    `--allow-fs-write=${path.resolve(options.cwd)}${path.sep}`,
  ];
}

/** The sandbox mechanism of these options (null: unconfined). */
export function mechanismOf(sandbox: SandboxOptions | undefined): SandboxMechanism | null {
  if (!sandbox) return null;
  return typeof sandbox.mechanism === "string" ? sandboxNamed(sandbox.mechanism) : sandbox.mechanism;
}

function command(options: SpawnOptions, env: Record<string, string>) {
  const args = [...nodeFlags(options), childEntry];
  const mechanism = mechanismOf(options.sandbox);
  if (mechanism === null) return { mechanism, command: process.execPath, args, env: { ...process.env, ...env } as Record<string, string>, ownScratch: false };
  const reads = sandboxReads({ ...options, readPaths: options.sandbox!.readPaths });
  const scratchBytes = (options.sandbox!.scratchMb ?? 256) << 20;
  const confined = mechanism.confine({ node: process.execPath, args, cwd: options.cwd, reads, env, scratchBytes, files: options.sandbox!.files ?? [] });
  return { mechanism, ...confined, env: { ...confined.env, ...env } };
}

// Where the mechanism does not make the scratch folder (--sandbox node), data files are copied in,
// read-only by mode (the grader's uid may still write them: each submission gets fresh copies).
function copyDataFiles(cwd: string, files: DataFile[]): void {
  for (const { source, target } of files) {
    const at = path.join(cwd, target);
    fs.mkdirSync(path.dirname(at), { recursive: true });
    fs.rmSync(at, { force: true });
    fs.copyFileSync(source, at);
    fs.chmodSync(at, 0o444);
  }
}

/** Spawn the child; `ready` resolves with its startup time or rejects with why it failed. */
export function spawnChild(options: SpawnOptions): SpawnedChild {
  const { maxOutputBytes, libraryEntry, setup, compile, key, signal: stop } = options;
  if (stop?.aborted) throw new Error("The notebook runner was not started: grading was stopped.");
  const settings: ChildSettings = { maxOutputBytes, libraryEntry, setup, ...(compile && { compile }), ...(key && { key }), ...(options.seed !== undefined && { seed: options.seed }) };
  const base: Record<string, string> = options.sandbox ? { PATH: process.env.PATH ?? "/usr/bin:/bin" } : {};
  const run = command(options, { ...base, ...options.env, GRADLAB_RUNNER: JSON.stringify(settings) });
  if (!run.ownScratch) {
    fs.mkdirSync(options.cwd, { recursive: true });
    copyDataFiles(options.cwd, options.sandbox?.files ?? []);
  }
  const child = spawn(run.command, run.args, {
    cwd: run.ownScratch ? "/" : options.cwd,
    env: run.env,
    stdio: ["ignore", "ignore", "pipe", "pipe"],
    detached: true,
    ...("uid" in run && run.uid !== undefined && { uid: run.uid, gid: run.gid }),
  });
  let tail = "";
  const kill = (signal: NodeJS.Signals) => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  const onAbort = () => kill("SIGKILL");
  stop?.addEventListener("abort", onAbort, { once: true });
  child.once("exit", () => stop?.removeEventListener("abort", onAbort));
  const channel = parentChannel(child.stdio[3] as net.Socket, 2 * maxOutputBytes + 4096, (reason) => {
    spawned.violation ??= reason;
    kill("SIGKILL");
  });
  const spawned: SpawnedChild = {
    process: child, ready: Promise.resolve(0), stderrTail: () => tail, decl: null, violation: null,
    send: channel.send, onMessage: channel.onMessage,
    signal: (signal) => {
      if (signal === "SIGKILL") return kill("SIGKILL");
      const pid = spawned.nodePid();
      try {
        if (pid !== null) process.kill(pid, signal);
      } catch {
        // Already gone.
      }
    },
    nodePid: () => (child.pid === undefined ? null : run.mechanism ? run.mechanism.nodePid(child.pid) : child.pid),
    exited: () => child.exitCode !== null || child.signalCode !== null,
  };
  child.stderr?.setEncoding("utf8").on("data", (text: string) => {
    tail = (tail + text).slice(-4000);
  });
  spawned.ready = new Promise<number>((resolve, reject) => {
    const off = spawned.onMessage((message) => {
      if (message.type === "ready") {
        spawned.decl = message.decl ?? null;
        resolve(message.ms);
      }
      if (message.type === "failed") reject(new Error(`The notebook runner could not start: ${message.message}`));
      if (message.type === "ready" || message.type === "failed") off();
    });
    child.once("exit", (code, signal) =>
      reject(new Error(`The notebook runner exited while starting (code ${code}, signal ${signal})${spawned.violation ? `: it sent ${spawned.violation}` : ""}: ${tail.trim()}`)),
    );
    child.once("error", reject);
  });
  spawned.ready.catch(() => undefined);
  return spawned;
}
