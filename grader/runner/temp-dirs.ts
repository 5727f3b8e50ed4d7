import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { isRunning } from "../../kernel/parent-watch";

// Temp folders of a grading process carry its pid, so a later run removes those of a process that
// was killed (SIGKILL, the OOM killer, a crash) before it could clean up after itself. A folder
// whose process still runs is left alone, so two graders may share TMPDIR (in one pid namespace).

type TempKind = "compile" | "scratch" | "data";
const STALE = /^gradlab-(compile|scratch|data)-(\d+)-/;

/** A new folder in TMPDIR named for this process (`gradlab-KIND-PID-XXXXXX`). */
export function makeTempDir(kind: TempKind): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `gradlab-${kind}-${process.pid}-`));
}

/** Remove the temp folders of gradlab processes that no longer run; returns how many. */
export function removeStaleTempDirs(): number {
  let removed = 0;
  for (const name of fs.readdirSync(os.tmpdir())) {
    const pid = Number(STALE.exec(name)?.[2]);
    if (!pid || pid === process.pid || isRunning(pid)) continue;
    fs.rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
    removed++;
  }
  return removed;
}
