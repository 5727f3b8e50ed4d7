// The worker's read-only file system: the files the Node kernel's compiler reads (collected at
// build time, see lite/build/file-image.mjs) and the library's WebAssembly builds, at their paths
// inside the gradlab package, with "/" as the package root. TypeScript's `sys` and the library's
// `node:fs` calls both read from here.

/** A file's content: text for declarations, bytes for WebAssembly. */
export type FileContent = string | Uint8Array;

/** Absolute, normalised form of a path ("a/../b" → "/b"); relative paths start at "/". */
export function normalise(path: string): string {
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return `/${parts.join("/")}`;
}

/** An immutable tree of files held in memory. */
export class MemoryFs {
  private readonly files = new Map<string, FileContent>();
  private readonly children = new Map<string, Set<string>>();

  constructor(files: Record<string, FileContent>) {
    for (const [path, content] of Object.entries(files)) this.add(normalise(path), content);
  }

  private add(path: string, content: FileContent): void {
    this.files.set(path, content);
    for (let child = path; child !== "/"; ) {
      const parent = child.slice(0, child.lastIndexOf("/")) || "/";
      const entries = this.children.get(parent) ?? new Set<string>();
      entries.add(child.slice(child.lastIndexOf("/") + 1));
      this.children.set(parent, entries);
      child = parent;
    }
  }

  /** The file at `path`, or undefined. */
  read(path: string): FileContent | undefined {
    return this.files.get(normalise(path));
  }

  isFile(path: string): boolean {
    return this.files.has(normalise(path));
  }

  isDirectory(path: string): boolean {
    return this.children.has(normalise(path));
  }

  /** Names of the files and folders directly in `dir`. */
  entries(dir: string): { files: string[]; directories: string[] } {
    const base = normalise(dir);
    const files: string[] = [];
    const directories: string[] = [];
    for (const name of this.children.get(base) ?? []) {
      const full = base === "/" ? `/${name}` : `${base}/${name}`;
      (this.files.has(full) ? files : directories).push(name);
    }
    return { files: files.sort(), directories: directories.sort() };
  }
}

let mounted: MemoryFs | null = null;

/** Makes `fs` the worker's file system (before TypeScript or the library read anything). */
export function mount(fs: MemoryFs): void {
  mounted = fs;
}

/** The mounted file system; reading before mount() is a bug in the worker's start-up order. */
export function mountedFs(): MemoryFs {
  if (mounted === null) throw new Error("gradlab worker: a file was read before the file image was loaded.");
  return mounted;
}
