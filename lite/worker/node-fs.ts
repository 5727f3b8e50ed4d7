import { mountedFs } from "./memory-fs";

// `node:fs` for the library inside the worker (its WebAssembly loader calls existsSync and
// readFileSync): the same calls, answered from the worker's file image.

/** Whether a file or folder exists in the file image. */
export function existsSync(path: string): boolean {
  const fs = mountedFs();
  return fs.isFile(path) || fs.isDirectory(path);
}

/** A file's bytes, or its text when an encoding is given, as Node's readFileSync. */
export function readFileSync(path: string, encoding?: string | { encoding?: string }): string | Uint8Array {
  const content = mountedFs().read(path);
  if (content === undefined) {
    throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: "ENOENT" });
  }
  const textWanted = typeof encoding === "string" || typeof encoding?.encoding === "string";
  if (textWanted) return typeof content === "string" ? content : new TextDecoder().decode(content);
  return typeof content === "string" ? new TextEncoder().encode(content) : content;
}
