import { buildSnapshot } from "./compiler-snapshot-file";
import { libraryEntry } from "./paths";

// `node dist/kernel/build-compiler-snapshot.js [LIBRARY_ENTRY]`: build the kernel compiler's startup
// snapshot (what a kernel that found none starts in the background, detached, at low priority).

const why = buildSnapshot(process.argv[2] ?? libraryEntry);
if (why !== null) {
  console.error(`gradlab: the compiler's startup snapshot was not built: ${why}`);
  process.exitCode = 1;
}
