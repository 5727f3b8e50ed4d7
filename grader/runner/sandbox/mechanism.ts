// How a runner child is confined. Every mechanism gets the same launch — node, its flags, what the
// child may read, its scratch folder and environment — and turns it into the command that starts
// it confined. Node's permission model (in the flags) is the second layer under every mechanism.

/** The sandbox mechanisms gradlab has (`gradlab grade --sandbox KIND`). */
export type SandboxKind = "bwrap" | "node";

/** What the child runs and what it may touch. */
export interface Launch {
  /** node's path, and its arguments (flags, then the child entry). */
  node: string;
  args: string[];
  /** The child's working folder: its scratch space, the only place it may write. */
  cwd: string;
  /** Folders (ending in a separator) and files the child may read. */
  reads: string[];
  env: Record<string, string>;
  /** Size of the scratch space in bytes (where the mechanism can limit it). */
  scratchBytes: number;
  /** Data files to show read-only inside the scratch space (`target` relative to `cwd`). */
  files: { source: string; target: string }[];
}

/** The process to spawn for a launch. */
export interface Confined {
  command: string;
  args: string[];
  env: Record<string, string>;
  /** Run as this user and group (set when the grader runs as root). */
  uid?: number;
  gid?: number;
  /** The mechanism makes the cwd itself (a tmpfs): no folder need exist outside. */
  ownScratch: boolean;
}

/** One way of confining a child. */
export interface SandboxMechanism {
  kind: SandboxKind;
  /** What this mechanism leaves open; every report of a batch graded with it says so. */
  notIsolated: string[];
  /** Throws, saying how to fix it, when the mechanism cannot work on this machine. Cached per process. */
  probe(reads: string[]): void;
  /** The command that runs `launch` confined. */
  confine(launch: Launch): Confined;
  /** The pid of the node process itself, once it exists (signals other than SIGKILL go there). */
  nodePid(spawnedPid: number): number | null;
}
