import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { sandboxMsg } from "./messages";
import type { Confined, Launch, SandboxMechanism } from "./mechanism";

// `--sandbox bwrap` (the default): Debian's bubblewrap puts each child in new user, PID, network,
// IPC, UTS and mount namespaces, as an unprivileged uid (and, when the grader runs as root, started
// as that uid outside too), in its own session, killed with its parent. Its filesystem holds only
// read-only binds of node, the shared libraries node links, and what the child may read, plus a
// size-limited tmpfs as scratch: a file outside that view does not exist for it. Node is PID 1 of its
// namespace, so it can see and signal no process but itself, and it has no network, not even loopback.

/** The uid and gid the child runs as (Debian's nobody / nogroup). */
export const SANDBOX_UID = 65534;

const asRoot = () => process.getuid?.() === 0;

// node's ELF interpreter and libraries, from ldd: what must exist inside for node to start.
let libraries: string[] | null = null;
function nodeLibraries(node: string): string[] {
  if (libraries !== null) return libraries;
  const ldd = spawnSync("ldd", [node], { encoding: "utf8" });
  const found = [...(ldd.stdout ?? "").matchAll(/(\/\S+) \(0x/g)].map((m) => m[1]);
  libraries = found.filter((lib) => fs.existsSync(lib));
  return libraries;
}

const bind = (flag: string, file: string, at = file) => [flag, file, at];
const bare = (p: string) => (p.length > 1 && p.endsWith(path.sep) ? p.slice(0, -1) : p);

function confineWith(binary: string, launch: Launch): Confined {
  const { node, cwd, env, reads, scratchBytes } = launch;
  const scratch = bare(path.resolve(cwd));
  const args = [
    "--unshare-all", "--die-with-parent", "--new-session", "--as-pid-1", "--hostname", "gradlab",
    "--uid", String(SANDBOX_UID), "--gid", String(SANDBOX_UID), "--clearenv",
    ...Object.entries(env).flatMap(([k, v]) => ["--setenv", k, v]),
    ...bind("--ro-bind", fs.realpathSync(node), node),
    ...nodeLibraries(node).flatMap((lib) => bind("--ro-bind", fs.realpathSync(lib), lib)),
    ...reads.map(bare).filter((p) => p !== scratch).flatMap((p) => bind("--ro-bind-try", p)),
    "--dev", "/dev", "--proc", "/proc",
    "--size", String(scratchBytes), "--tmpfs", scratch,
    ...launch.files.flatMap((f) => bind("--ro-bind", f.source, path.join(scratch, f.target))),
    "--chdir", scratch,
    "--", node, ...launch.args,
  ];
  return { command: binary, args, env: {}, ...(asRoot() && { uid: SANDBOX_UID, gid: SANDBOX_UID }), ownScratch: true };
}

const probed = new Map<string, string | null>();

// Runs node in the sandbox once, checking that every path the child needs is readable there.
function probeWith(binary: string, reads: string[]): void {
  const key = `${binary}\0${reads.join("\0")}`;
  if (!probed.has(key)) {
    const script = `for (const p of ${JSON.stringify(reads)}) { try { require("fs").accessSync(p, 4); } catch { console.error("unreadable " + p); process.exit(3); } }`;
    const launch = { node: process.execPath, args: ["-e", script], cwd: "/tmp/gradlab-probe", reads, env: {}, scratchBytes: 1 << 20, files: [] };
    const confined = confineWith(binary, launch);
    const run = spawnSync(confined.command, confined.args, { encoding: "utf8", uid: confined.uid, gid: confined.gid, timeout: 30_000 });
    const stderr = (run.stderr ?? "").trim();
    const unreadable = /^unreadable (.*)$/m.exec(stderr);
    probed.set(key, run.error ? sandboxMsg.bwrapMissing(binary, run.error.message)
      : unreadable ? sandboxMsg.unreadable(unreadable[1], SANDBOX_UID)
      : run.status !== 0 ? sandboxMsg.noNamespaces(stderr.split("\n")[0] || `exit code ${run.status}`) : null);
  }
  const problem = probed.get(key);
  if (problem) throw new Error(problem);
}

/** The pid of node inside the sandbox: bubblewrap's only child (node runs as PID 1 of its namespace). */
function innerPid(bwrapPid: number): number | null {
  try {
    const children = fs.readFileSync(`/proc/${bwrapPid}/task/${bwrapPid}/children`, "utf8").trim();
    return children === "" ? null : Number(children.split(" ")[0]);
  } catch {
    return null;
  }
}

/** The bubblewrap mechanism; `binary` is the bwrap to run (tests pass a stand-in). */
export function bubblewrap(binary = "bwrap"): SandboxMechanism {
  return {
    kind: "bwrap",
    notIsolated: [],
    probe: (reads) => probeWith(binary, reads),
    confine: (launch) => confineWith(binary, launch),
    nodePid: innerPid,
  };
}
