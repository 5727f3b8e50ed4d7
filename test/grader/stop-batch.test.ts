import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { root } from "../kernel/dist";
import { processesNaming } from "./attacks/leftovers";
import { allSolved, bundle, submission } from "./attacks/notebooks";

// The TA's Ctrl-C in the middle of a batch, as a terminal sends it: the grader stops at once (not
// after the submission being graded, which here would take its whole 600 s limit), keeps and reports
// what was finished, leaves no process and no temp folder, and a rerun resumes from the cache. An
// impatient second Ctrl-C must not cut that short. A grader killed outright leaves its temp
// folders; the next run removes them.

const cli = path.join(root, "dist", "grader", "cli.js");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "gradlab-stop-"));
fs.chmodSync(work, 0o755); // bwrap starts as the sandbox's user when grading as root
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** A batch of three where the second hangs, the grader started on it, and `onHang` called once the first is graded. */
function startBatch(sandbox: string, name: string, onHang: (grader: ChildProcess) => void) {
  const dir = path.join(work, name);
  const subs = path.join(dir, "submissions");
  const tmp = path.join(dir, "tmp");
  fs.mkdirSync(subs, { recursive: true });
  fs.mkdirSync(tmp);
  fs.writeFileSync(path.join(subs, "a-done.ipynb"), JSON.stringify(submission()));
  fs.writeFileSync(path.join(subs, "b-hangs.ipynb"), JSON.stringify(submission(allSolved, [["setup", "for (;;) {}"]])));
  fs.writeFileSync(path.join(subs, "c-later.ipynb"), JSON.stringify(submission()));
  const args = ["grade", bundle, "--out", "out", "--jobs", "1", "--timeout", "600", "--sandbox", sandbox];
  const options = { cwd: dir, env: { ...process.env, TMPDIR: tmp } };
  const grader = spawn(process.execPath, [cli, ...args, subs], { ...options, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  let hung = false;
  const exited = new Promise<number | string | null>((resolve) => grader.once("exit", (code, signal) => resolve(code ?? signal)));
  grader.stderr.setEncoding("utf8").on("data", (text: string) => {
    stderr += text;
    if (hung || !stderr.includes("a-done.ipynb: 10/10")) return;
    hung = true; // b-hangs is being graded now
    onHang(grader);
  });
  /** Grade a-done again: it must come from the cache. */
  const rerun = () => {
    const again = spawnSync(process.execPath, [cli, ...args, path.join(subs, "a-done.ipynb")], { ...options, encoding: "utf8" });
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toContain("a-done.ipynb: 10/10 (cached)");
  };
  return { dir, tmp, exited, stderr: () => stderr, rerun };
}

describe("Ctrl-C during gradlab grade", () => {
  it.each(["bwrap", "node"])("--sandbox %s: stops at once, keeps the finished results, leaves nothing, and a rerun resumes", async (sandbox) => {
    const batch = startBatch(sandbox, sandbox, (grader) => {
      // Ctrl-C, and again a moment later.
      grader.kill("SIGINT");
      setTimeout(() => grader.kill("SIGINT"), 100);
    });
    expect(await batch.exited, batch.stderr()).toBe(130);
    expect(batch.stderr()).toMatch(/stopping \(SIGINT\): the submissions being graded are dropped; finished results are cached/);
    expect(fs.readdirSync(batch.tmp), "temp folders left behind").toEqual([]);
    expect(processesNaming(batch.tmp), "processes left behind").toEqual([]);
    const csv = fs.readFileSync(path.join(batch.dir, "out", "grades.csv"), "utf8");
    expect(csv).toMatch(/^a-done\.ipynb,2,3,2,3,10,10,graded,/m);
    expect(csv).not.toMatch(/b-hangs|c-later/);
    batch.rerun();
  }, 240_000);

  // SIGKILL (or the OOM killer) leaves no chance to clean up: the next run removes what is left.
  it("a grader killed with SIGKILL leaves temp folders that the next run removes", async () => {
    const batch = startBatch("node", "killed", (grader) => grader.kill("SIGKILL"));
    expect(await batch.exited, batch.stderr()).toBe("SIGKILL");
    expect(fs.readdirSync(batch.tmp).length, "the killed grader's temp folders").toBeGreaterThan(0);
    await expect.poll(() => processesNaming(batch.tmp), { timeout: 10_000 }).toEqual([]);
    batch.rerun();
    expect(fs.readdirSync(batch.tmp), "temp folders left after the rerun").toEqual([]);
  }, 240_000);
});
