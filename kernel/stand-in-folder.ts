import * as path from "node:path";
import type * as TS from "typescript";
import type { CellConversion } from "./cells/types";

// A compiler restored from a startup snapshot (compiler-snapshot.ts) was built before anyone knew
// the notebook's folder: it compiles as if the notebook lived in STAND_IN, a folder that exists
// nowhere, DEPTH levels below STAND_IN_ROOT. Each path TypeScript asks the file system about in
// that chain is answered from the same place relative to the notebook's real folder: its files,
// `../` imports, and the node_modules of every folder above it (module resolution walks up).

const STAND_IN_ROOT = "/.gradlab-notebook-folder";
const LEVEL = "_";
/** Deeper than any real folder: the walk up from STAND_IN meets every ancestor of the real one. */
const DEPTH = 64;

/** The folder a snapshotted compiler compiles in. */
export const STAND_IN: string = [STAND_IN_ROOT, ...Array<string>(DEPTH).fill(LEVEL)].join("/");
/** Paths in the stand-in's chain, as TypeScript's messages quote them. */
const STAND_IN_PATHS = new RegExp(`${STAND_IN_ROOT.replace(/\./g, "\\.")}[^'"\\s]*`, "g");

/** Where `file` (maybe in the stand-in's chain) is for a notebook in `folder`; other paths are unchanged. */
export function realPath(file: string, folder: string): string {
  if (file !== STAND_IN_ROOT && !file.startsWith(`${STAND_IN_ROOT}/`)) return file;
  const segments = file.slice(STAND_IN_ROOT.length).split("/").filter(Boolean);
  let level = 0;
  while (level < DEPTH && segments[level] === LEVEL) level++;
  let dir = folder;
  for (let up = DEPTH - level; up > 0; up--) dir = path.dirname(dir);
  return path.join(dir, ...segments.slice(level));
}

type PathFunction = (p: string, ...rest: unknown[]) => unknown;

/** Make `sys` answer for the stand-in folder from `folder` (once, in the restored process). */
export function answerStandInFrom(sys: TS.System, folder: string): void {
  const calls = sys as unknown as Record<string, PathFunction | undefined>;
  for (const name of ["readFile", "fileExists", "directoryExists", "getDirectories", "readDirectory", "realpath", "getModifiedTime", "getFileSize"]) {
    const real = calls[name]?.bind(sys);
    if (real) calls[name] = (p: string, ...rest: unknown[]) => real(realPath(p, folder), ...rest);
  }
}

/** A conversion made in the stand-in folder, with its paths (local modules, messages) in `folder`. */
export function inRealFolder(conversion: CellConversion, folder: string): CellConversion {
  const inMessage = (text: string) => text.replace(STAND_IN_PATHS, (file) => realPath(file, folder));
  return {
    ...conversion,
    diagnostics: conversion.diagnostics.map((d) => ({ ...d, messageText: inMessage(d.messageText) })),
    ...(conversion.modules && { modules: conversion.modules.map((m) => ({ ...m, path: realPath(m.path, folder) })) }),
  };
}
