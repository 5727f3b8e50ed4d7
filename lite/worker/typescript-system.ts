import type * as ts from "typescript";
import { type MemoryFs, normalise } from "./memory-fs";

// TypeScript's `sys` (its whole view of the machine) over the worker's file image: what the Node
// kernel's compiler reads from disk, this one reads from memory. Nothing changes, so watchers
// never fire; writes are refused (tslab's converter keeps its outputs in memory).

/** Where TypeScript's lib files are in the image: the Node kernel loads them from this folder. */
export const typescriptLibDir = "/node_modules/@tslab/typescript-for-tslab/lib";

const noWatch = { close: () => {} };

type Internal = typeof ts & {
  matchFiles(
    path: string, extensions: readonly string[] | undefined, excludes: readonly string[] | undefined,
    includes: readonly string[] | undefined, caseSensitive: boolean, cwd: string, depth: number | undefined,
    entries: (dir: string) => { files: string[]; directories: string[] }, realpath: (p: string) => string,
  ): string[];
};

/** A ts.System whose current directory is the package root "/" of the file image. */
export function memorySystem(typescript: typeof ts, fs: MemoryFs): ts.System {
  const text = (path: string): string | undefined => {
    const content = fs.read(path);
    return typeof content === "string" ? content : undefined;
  };
  return {
    args: [],
    newLine: "\n",
    useCaseSensitiveFileNames: true,
    write: (s) => console.log(s),
    readFile: (path) => text(path),
    writeFile: (path) => {
      throw new Error(`The browser kernel's file system is read-only (writing ${path}).`);
    },
    resolvePath: (path) => normalise(path),
    fileExists: (path) => fs.isFile(path),
    directoryExists: (path) => fs.isDirectory(path),
    createDirectory: () => {},
    getExecutingFilePath: () => `${typescriptLibDir}/typescript.js`,
    getCurrentDirectory: () => "/",
    getDirectories: (path) => fs.entries(path).directories,
    readDirectory: (path, extensions, excludes, includes, depth) =>
      (typescript as Internal).matchFiles(path, extensions, excludes, includes, true, "/", depth, (dir) => fs.entries(dir), normalise),
    getModifiedTime: () => new Date(0),
    realpath: normalise,
    watchFile: () => noWatch,
    watchDirectory: () => noWatch,
    exit: (code) => {
      throw new Error(`TypeScript asked to exit (code ${code ?? 0}) inside the browser kernel.`);
    },
  };
}
