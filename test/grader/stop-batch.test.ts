import { spawn, spawnSync } from "node:child_process";
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
// impatient second Ctrl-C must not cut that short.

const cli = path.join(root, "dist", "grader", "cli.js");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "gradlab-stop-"));
fs.chmodSync(work, 0o755); // bwrap starts as the sandbox's user when grading as root
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe("Ctrl-C during gradlab grade", () => {
  it.each(["bwrap", "node"])("--sandbox %s: stops at once, keeps the finished results, leaves nothing, and a rerun resumes", async (sandbox) => {
    const dir = path.join(work, sandbox);
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
    const exited = new Promise<number | string | null>((resolve) => grader.once("exit", (code, signal) => resolve(code ?? signal)));
    grader.stderr.setEncoding("utf8").on("data", (text: string) => {
      stderr += text;
      if (!stderr.includes("a-done.ipynb: 10/10") || grader.killed) return;
      // b-hangs is being graded now: Ctrl-C, and again a moment later.
      grader.kill("SIGINT");
      setTimeout(() => grader.kill("SIGINT"), 100);
    });
    expect(await exited, stderr).toBe(130);
    expect(stderr).toMatch(/stopping \(SIGINT\): the submissions being graded are dropped; finished results are cached/);
    expect(fs.readdirSync(tmp), "temp folders left behind").toEqual([]);
    expect(processesNaming(tmp), "processes left behind").toEqual([]);
    const csv = fs.readFileSync(path.join(dir, "out", "grades.csv"), "utf8");
    expect(csv).toMatch(/^a-done\.ipynb,2,3,2,3,10,10,graded,/m);
    expect(csv).not.toMatch(/b-hangs|c-later/);
    const again = spawnSync(process.execPath, [cli, ...args, path.join(subs, "a-done.ipynb")], { ...options, encoding: "utf8" });
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toContain("a-done.ipynb: 10/10 (cached)");
  }, 240_000);
});
