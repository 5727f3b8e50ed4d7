import * as fs from "node:fs";
import * as v8 from "node:v8";
import type { CompilerRequest } from "./compiler-client";
import { SNAPSHOT_BUILD_ENV, type SnapshotBuild, sourcesOf } from "./compiler-snapshot-file";
import { cellCompilerOptions } from "./compiler-options";
import { serveCompiler, warmUp, type ServedCompiler } from "./compiler-serve";
import { isRunning, parentPid, watchParent } from "./parent-watch";
import { nodeTypeRoots } from "./paths";
import { answerStandInFrom, inRealFolder, STAND_IN } from "./stand-in-folder";
import { createTslabCompiler, installCompilerOptions, tsPath, typescript } from "./tslab";

// Runs inside `node --build-snapshot` (kernel/assets/compiler-snapshot-entry.cjs loads it): builds
// the kernel's compiler, compiles the prelude and the warm-up cells, and makes the snapshot's main
// serve that compiler over the IPC channel of each process restored from it. Restoring the ~60 MB
// heap takes ~0.35 s where building takes ~1.7 s, most of it parsing @types/node and the
// library's declarations. compiler-snapshot-file.ts builds, finds and starts it.

/** Build the compiler to snapshot; `loaded` lists the JavaScript files the entry evaluated. */
export function buildCompilerSnapshot(loaded: () => string[]): void {
  const build = JSON.parse(fs.readFileSync(process.env[SNAPSHOT_BUILD_ENV]!, "utf8")) as SnapshotBuild;
  // Through the entry's loader, before tslab's code-cache loader: functions Node's loader or vm
  // compiled keep handles a snapshot cannot hold.
  require(tsPath);
  const ts = typescript();
  const read = new Set<string>();
  const readFile = ts.sys.readFile.bind(ts.sys);
  ts.sys.readFile = (file, encoding) => {
    const text = readFile(file, encoding);
    if (text !== undefined) read.add(file);
    return text;
  };
  // Watchers are handles too. The files do not change under a restored compiler: the list of
  // sources says when they did, and the kernel then builds a new snapshot.
  ts.sys.watchFile = () => ({ close: () => undefined });
  ts.sys.watchDirectory = () => ({ close: () => undefined });
  ts.sys.getCurrentDirectory = () => STAND_IN;
  installCompilerOptions(cellCompilerOptions(build.libraryEntry, nodeTypeRoots()));
  const compiler = createTslabCompiler();
  const served: ServedCompiler = { ts, compiler, prelude: compiler.convert("", build.prelude), delegateLocal: false };
  warmUp(served);
  ts.sys.readFile = readFile;
  fs.writeFileSync(build.sources, JSON.stringify(sourcesOf([...loaded(), ...read])));
  v8.startupSnapshot.setDeserializeMainFunction(() => serveRestored(served));
}

function serveRestored(served: ServedCompiler): void {
  const folder = process.cwd();
  answerStandInFrom(served.ts.sys, folder);
  const { compiler } = served;
  const inFolder: ServedCompiler = { ...served, compiler: { ...compiler, convert: (d, src) => inRealFolder(compiler.convert(d, src), folder) } };
  const kernel = process.ppid;
  const client = parentPid();
  // As the compiler thread does: a kernel stuck in a runaway cell still ends when its client has.
  if (client !== null) {
    watchParent(client, () => {
      if (isRunning(kernel)) process.kill(kernel, "SIGTERM");
      process.exit(0);
    });
  }
  process.on("disconnect", () => process.exit(0));
  serveCompiler(inFolder, { post: (m) => process.send!(m), onRequest: (handle) => process.on("message", (r: CompilerRequest) => handle(r)) }, []);
}
