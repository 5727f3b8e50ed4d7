import * as fs from "node:fs";

/** Processes whose command line names `dir` (a batch's TMPDIR): what outlived the batch. */
export function processesNaming(dir: string): string[] {
  return fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p)).flatMap((pid) => {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
      return cmd.includes(dir) ? [`${pid}: ${cmd.slice(0, 200)}`] : [];
    } catch {
      return [];
    }
  });
}
