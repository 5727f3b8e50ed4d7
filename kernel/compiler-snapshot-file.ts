import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { CompilerChannel, CompilerMessage } from "./compiler-client";
import { preludeSource } from "./library-module";
import { isRunning } from "./parent-watch";
import { cacheDir, kernelAssets, packageRoot } from "./paths";

// The kernel's compiler snapshot on disk (compiler-snapshot.ts makes it): one per Node binary and
// library, in cacheDir, beside the list of files it was built from with their sizes and times, so a
// rebuilt library, an updated tslab or @types/node, or another Node is noticed at the next start
// (and a new one built in the background, at low priority, while that kernel uses a thread).

/** What the builder is told, in the JSON file named by SNAPSHOT_BUILD_ENV. */
export interface SnapshotBuild {
  libraryEntry: string;
  /** The prelude's source: making it loads the library, whose WebAssembly a snapshot cannot hold. */
  prelude: string;
  /** Where the builder writes its Sources. */
  sources: string;
}

/** The files a snapshot was built from, as "size:mtime" each, and the Node that built it. */
export interface Sources {
  node: string;
  files: Record<string, string>;
}

export const SNAPSHOT_BUILD_ENV = "GRADLAB_SNAPSHOT_BUILD";
/** `GRADLAB_COMPILER_SNAPSHOT=off`: kernels compile in a thread and build no snapshot. */
const snapshotsOff = () => process.env.GRADLAB_COMPILER_SNAPSHOT === "off";
const builderEntry = path.join(kernelAssets, "compiler-snapshot-entry.cjs");
const launcher = path.join(packageRoot, "dist", "kernel", "build-compiler-snapshot.js");

function snapshotPaths(libraryEntry: string) {
  const key = createHash("sha256").update([process.version, process.execPath, process.arch, libraryEntry].join("\0")).digest("hex").slice(0, 16);
  const base = path.join(cacheDir, `compiler-${key}`);
  return { base, blob: `${base}.blob`, sources: `${base}.json`, lock: `${base}.lock` };
}

/** What a snapshot built now from `files` records of them. */
export function sourcesOf(files: Iterable<string>): Sources {
  return { node: process.version, files: Object.fromEntries([...files].map((file) => [file, stamp(file)])) };
}

function stamp(file: string): string {
  const stat = fs.statSync(file);
  return `${stat.size}:${stat.mtimeMs}`;
}

/** The snapshot to restore the kernel's compiler from, or null: none yet, or built from files that changed since. */
export function freshSnapshot(libraryEntry: string): string | null {
  if (snapshotsOff()) return null;
  const { blob, sources } = snapshotPaths(libraryEntry);
  try {
    return isFresh(JSON.parse(fs.readFileSync(sources, "utf8")) as Sources) && fs.existsSync(blob) ? blob : null;
  } catch {
    return null;
  }
}

/** True while every file a snapshot was built from is as it was, under the same Node. */
export function isFresh(built: Sources): boolean {
  return built.node === process.version && Object.entries(built.files).every(([file, was]) => fs.existsSync(file) && stamp(file) === was);
}

/** Forget a snapshot that could not be restored, so the next start builds another. */
export function discardSnapshot(libraryEntry: string): void {
  fs.rmSync(snapshotPaths(libraryEntry).sources, { force: true });
}

/**
 * Build the snapshot now (about 7 s of CPU) unless another process is building it. Returns null
 * when built, else why not. Run by `gradlab kernel install` and by the launcher below.
 */
export function buildSnapshot(libraryEntry: string): string | null {
  const { base, blob, sources, lock } = snapshotPaths(libraryEntry);
  fs.mkdirSync(cacheDir, { recursive: true });
  if (!takeLock(lock, base)) return "another process is building it";
  const tmp = `${base}.${process.pid}`;
  try {
    const build: SnapshotBuild = { libraryEntry, prelude: preludeSource(libraryEntry), sources: `${tmp}.json` };
    fs.writeFileSync(`${tmp}.build.json`, JSON.stringify(build));
    const run = spawnSync(process.execPath, ["--snapshot-blob", `${tmp}.blob`, "--build-snapshot", builderEntry], {
      cwd: cacheDir, env: { ...process.env, [SNAPSHOT_BUILD_ENV]: `${tmp}.build.json` }, encoding: "utf8", stdio: ["ignore", "ignore", "pipe"],
    });
    if (run.status !== 0 || !fs.existsSync(`${tmp}.blob`)) return `node --build-snapshot failed (${run.error?.message ?? `exit ${run.status}`}): ${run.stderr.slice(-500)}`;
    fs.renameSync(`${tmp}.blob`, blob);
    fs.renameSync(`${tmp}.json`, sources);
    return null;
  } finally {
    for (const file of [`${tmp}.blob`, `${tmp}.json`, `${tmp}.build.json`, lock]) fs.rmSync(file, { force: true });
  }
}

/** Build the snapshot in a detached process at the lowest priority: it outlives a kernel restarted meanwhile. */
export function buildSnapshotInBackground(libraryEntry: string): void {
  if (snapshotsOff()) return;
  const child = spawn(process.execPath, [launcher, libraryEntry], { detached: true, stdio: "ignore" });
  child.on("error", () => undefined);
  try {
    if (child.pid !== undefined) os.setPriority(child.pid, 19);
  } catch {
    // Priority is a courtesy to the kernel's own start.
  }
  child.unref();
}

/** The lock file names its builder; one left by a builder that died is taken over, with its leftovers. */
function takeLock(lock: string, base: string): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: "wx" });
      return true;
    } catch {
      const holder = Number(fs.readFileSync(lock, "utf8"));
      if (Number.isInteger(holder) && holder > 0 && isRunning(holder)) return false;
      const dir = path.dirname(base);
      for (const name of fs.readdirSync(dir)) if (name.startsWith(`${path.basename(base)}.`) && /\.\d+\./.test(name)) fs.rmSync(path.join(dir, name), { force: true });
      fs.rmSync(lock, { force: true });
    }
  }
  return false;
}

/** The kernel's compiler restored from `blob`, in a child process compiling for notebooks in `folder`. */
export function snapshotChannel(blob: string, folder = process.cwd()): CompilerChannel {
  const child = spawn(process.execPath, ["--snapshot-blob", blob], { cwd: folder, stdio: ["ignore", "ignore", "ignore", "ipc"], serialization: "advanced" });
  const ended = new Promise<Error>((resolve) => {
    child.once("error", (err) => resolve(err));
    child.once("exit", (code, signal) => resolve(new Error(`The TypeScript compiler stopped (${signal ?? `exit code ${code}`}).`)));
  });
  return {
    post: (request) => {
      if (child.connected) child.send(request);
    },
    onMessage: (handle) => child.on("message", (m: CompilerMessage) => handle(m)),
    onEnd: (handle) => void ended.then(handle),
    close: async () => {
      child.kill();
      await ended;
    },
  };
}
