import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { SubmissionResult } from "../../grader/results";
import { root } from "../kernel/dist";
import { processesNaming } from "./attacks/leftovers";
import { allSolved, bundle, signalEveryone, submission, writeFrame } from "./attacks/notebooks";

// The attacks of issue 12, graded the way a TA grades — `gradlab grade` as a command, as root, in the
// default sandbox (bubblewrap). An attack that once stopped a whole batch is graded in a batch of its
// own beside an honest submission; the rest share one batch. Each batch must finish with its reports,
// leave nothing behind (no process, no temp folder: each batch has its own TMPDIR), and give every
// submission what its honest part earns: the attacks are added to a notebook that solves everything
// (10/10), unless they replace the solutions.

const cli = path.join(root, "dist", "grader", "cli.js");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "gradlab-attacks-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

interface Batch {
  results: Map<string, SubmissionResult>;
  out: string;
  stderr: string;
  /** Every student-facing file of the batch, as text. */
  studentFiles: string;
}

/** Write the submissions (a notebook object, text, or a function making the file), grade them, check what is left. */
function grade(name: string, files: Record<string, object | string | ((file: string) => void)>, flags: string[] = []): Batch {
  const dir = path.join(work, name);
  const subs = path.join(dir, "submissions");
  const tmp = path.join(dir, "tmp");
  fs.mkdirSync(tmp, { recursive: true });
  for (const [file, content] of Object.entries(files)) {
    const at = path.join(subs, file);
    fs.mkdirSync(path.dirname(at), { recursive: true });
    if (typeof content === "function") content(at);
    else fs.writeFileSync(at, typeof content === "string" ? content : JSON.stringify(content));
  }
  const out = path.join(dir, "out");
  const run = spawnSync(process.execPath, [cli, "grade", bundle, subs, "--out", out, "--jobs", "1", "--timeout", "10", ...flags], {
    cwd: dir, env: { ...process.env, TMPDIR: tmp }, encoding: "utf8", timeout: 240_000,
  });
  expect(run.status, `${run.stderr}\n${run.stdout}`).toBe(0);
  expect(fs.readdirSync(tmp), "temp folders left behind").toEqual([]);
  expect(processesNaming(tmp), "processes left behind").toEqual([]);
  const results = new Map(fs.readFileSync(path.join(out, "results.jsonl"), "utf8").trim().split("\n").map((l) => {
    const r = JSON.parse(l) as SubmissionResult;
    return [r.submission, r];
  }));
  const feedback = path.join(out, "feedback");
  const studentFiles = fs.readdirSync(feedback, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".html")).map((f) => fs.readFileSync(path.join(feedback, f), "utf8")).join("\n");
  return { results, out, stderr: run.stderr, studentFiles };
}

const correct = submission();
const score = (b: Batch, name: string) => b.results.get(name)!.score;
const bundleJson = JSON.parse(fs.readFileSync(bundle, "utf8")) as { tests: { hidden: boolean; code: string; references: { value: { data?: unknown[] } }[] }[] };
const hiddenTests = bundleJson.tests.filter((t) => t.hidden);

// Texts a student must never see: lines of hidden test code, and hidden reference numbers (or numbers
// derived from them, such as |reference| − 0) in the ways messages print numbers.
function secretsIn(text: string, numbers: number[]): string[] {
  const lines = hiddenTests.flatMap((t) => t.code.split("\n").map((l) => l.trim()).filter((l) => l.length > 12));
  const printed = numbers.filter((x) => x !== 0).flatMap((x) => [3, 4, 5, 6].map((p) => x.toPrecision(p)).concat([1, 2, 3].map((d) => x.toExponential(d))));
  return [...lines, ...printed].filter((s) => text.includes(s));
}

// The public references the forger knows (they are in its own notebook), keyed by label.
const publicRefs = Object.fromEntries(bundleJson.tests.filter((t) => !t.hidden).flatMap((t) => (t as unknown as { references: { label: string; value: { data?: number[]; value?: unknown } }[] }).references.map((r) => [r.label, r.value.data ?? r.value.value])));

const forger = `const refs: Record<string, unknown> = ${JSON.stringify(publicRefs)};
// The old attack: hook the module loader and re-patch structuredClone (and toJSON) right after a restore.
const Module = require("module");
const realLoad = Module._load;
Module._load = function (this: unknown, request: string, ...rest: unknown[]) { return realLoad.call(this, request, ...rest); };
function repatch(): void {
  (globalThis as any).structuredClone = (r: any) => (r && typeof r === "object" && r.label in refs ? { ...r, value: refs[r.label] } : r);
  (Object.prototype as any).toJSON = function (this: any) { return this; };
  try { gradlab.setCheckSink(() => {}); } catch (e) {}
  try { (globalThis as any).__tslab__.exports.check = () => {}; } catch (e) {}
}
// From inside the functions tests call: repatch, and send the reference as a check of its own.
function gradF(x: number, y: number): number[] {
  repatch();
  try { check(\`gradient at (\${x}, \${y})\`, refs[\`gradient at (\${x}, \${y})\`]); } catch (e) {}
  return [0, 0];
}
const losses = [2, 1];`;

const exfiltrator = `let stash = "";
const channel = (process as any)._getActiveHandles().find((h: any) => h?._handle?.fd === 3);
channel?.on("data", (d: Buffer) => { stash = (stash + d.toString("latin1")).slice(-100_000); });
const stolen = () => { const i = stash.indexOf("agrees with"); return "STOLEN:" + stash.slice(Math.max(0, i - 300), i + 300); };`;

const zeros = {
  "grad-f-code": "function gradF(x: number, y: number): number[] { return [0, 0]; }",
  "grad-autograd-code": "function gradAutograd(x: number, y: number): Tensor { return tensor([0, 0]); }",
  "train-code": "function train(steps: number, lr: number): number[] { return new Array(steps).fill(0); }\nconst losses = train(40, 0.02);",
};

describe("attacks that cannot stop a batch, graded together", () => {
  const objectMessage = '{ const e = new Error("x"); Object.defineProperty(e, "message", { value: { nested: [1, 2] } }); throw e; }';
  const forged = writeFrame(JSON.stringify(JSON.stringify({ type: "result", id: 999999, status: "ok", outputs: [], executionCount: 1, ms: 0, messages: ["0".repeat(64) + "{}"] })));
  let b: Batch;
  it("grades them all", () => {
    b = grade("together", {
      "victim.ipynb": correct,
      "forger.ipynb": submission({ "grad-f-code": forger }),
      "exfiltrator.ipynb": submission(
        { ...allSolved, "grad-autograd-code": "function gradAutograd(x: number, y: number): Tensor { throw new Error(stolen()); }" },
        [["setup", exfiltrator], ["train-lr-test", "throw new Error(stolen());"]],
      ),
      "zeros.ipynb": submission({ ...allSolved, ...zeros }),
      "object-message.ipynb": submission(allSolved, [["setup", objectMessage]]),
      "fake-frames.ipynb": submission(allSolved, [["setup", forged]]),
      "link-to-solution.ipynb": (f: string) => fs.symlinkSync(path.join(root, "test", "fixtures", "grader", "gradients.ipynb"), f),
      "alice/hw.ipynb": correct,
      "bob/hw.ipynb": submission({ "grad-f-code": allSolved["grad-f-code"]! }),
      "carol smith.ipynb": correct,
      "carol_smith.ipynb": submission({}),
      "=cmd|' -C calc'!A0.ipynb": correct,
      "old-format.ipynb": '{"nbformat": 3, "nbformat_minor": 0, "metadata": {}, "worksheets": [{"cells": []}]}',
    });
    expect(score(b, "victim.ipynb")).toBe(10);
  });

  it("a forger that hooks the loader, re-patches structuredClone and sends references itself earns nothing", () => {
    const f = b.results.get("forger.ipynb")!;
    expect(f.score).toBe(0);
    const gradF = f.tests.find((t) => t.id === "grad-f")!;
    expect(gradF).toMatchObject({ status: "harness", error: expect.stringMatching(/^the grading harness was modified during this test \(.*structuredClone/) });
    expect(f.cells.find((c) => c.cell === "cell 4")).toMatchObject({ status: "ok" });
  });

  it("hidden test code the submission stole from its channel reaches the TA's record, never the student's feedback", () => {
    const r = b.results.get("exfiltrator.ipynb")!;
    expect(r.score).toBe(7);
    expect(JSON.stringify(r)).toContain("STOLEN:");
    const html = fs.readFileSync(path.join(b.out, "feedback", "exfiltrator.html"), "utf8");
    expect(html).not.toContain("STOLEN");
    expect(secretsIn(html, [])).toEqual([]);
    expect(html).toContain("error of type Error");
  });

  it("a submission that checks zeros learns nothing of the hidden references from its feedback", () => {
    const r = b.results.get("zeros.ipynb")!;
    const errors = r.tests.filter((t) => t.hidden).flatMap((t) => t.checks.map((c) => c.maxAbsError ?? 0));
    expect(errors.filter((n) => n > 0).length).toBeGreaterThan(0);
    const refs = hiddenTests.flatMap((t) => t.references.flatMap((ref) => (ref.value.data ?? []).filter((x): x is number => typeof x === "number")));
    expect(secretsIn(JSON.stringify(r), [...refs, ...errors]).length).toBeGreaterThan(0);
    const html = fs.readFileSync(path.join(b.out, "feedback", "zeros.html"), "utf8");
    expect(secretsIn(html, [...refs, ...errors])).toEqual([]);
    expect(html).toContain("✗ losses with lr 0.01: wrong value");
  });

  it("an error whose message is an object, and forged frames on the channel, cost nothing but that cell", () => {
    expect(b.results.get("object-message.ipynb")!).toMatchObject({ score: 10, status: "graded" });
    expect(b.results.get("object-message.ipynb")!.cells.find((c) => c.status === "error")!.error).toBe("Error: [object instead of a text]");
    expect(b.results.get("fake-frames.ipynb")!).toMatchObject({ score: 10, status: "graded" });
  });

  it("a symlink to the instructor's solution is not read: not a regular file, zero", () => {
    expect(b.results.get("link-to-solution.ipynb")!).toMatchObject({ score: 0, status: "invalid", errors: [expect.stringMatching(/is a symbolic link, not a regular file/)] });
  });

  it("names each submission by its path: no rows or feedback files collide, and no CSV cell is a formula", () => {
    expect([...b.results.keys()].filter((k) => /hw|carol|cmd/.test(k)).sort()).toEqual(["=cmd|' -C calc'!A0.ipynb", "alice/hw.ipynb", "bob/hw.ipynb", "carol smith.ipynb", "carol_smith.ipynb"]);
    const csv = fs.readFileSync(path.join(b.out, "grades.csv"), "utf8").split("\n");
    expect(csv).toEqual(expect.arrayContaining(["alice/hw.ipynb,2,3,2,3,10,10,graded,bwrap", "bob/hw.ipynb,2,0,0,0,2,10,graded,bwrap", "'=cmd|' -C calc'!A0.ipynb,2,3,2,3,10,10,graded,bwrap"]));
    const page = (name: string) => fs.readFileSync(path.join(b.out, "feedback", name), "utf8");
    expect([page("alice/hw.html"), page("bob/hw.html"), page("carol%20smith.html"), page("carol_smith.html")].map((h) => /(\d+) \/ 10 points/.exec(h)![1])).toEqual(["10", "2", "10", "0"]);
  });

  it("an nbformat 3 notebook gets its own message", () => {
    expect(b.results.get("old-format.ipynb")!).toMatchObject({ status: "invalid", errors: [expect.stringMatching(/^old-format\.ipynb is nbformat 3; save it as nbformat 4/)] });
  });
});

describe("attacks that once stopped a batch, each in a batch of its own", () => {
  it.each([
    ["SIGINT", "sigint-parent"],
    ["SIGKILL", "sigkill-parent"],
    ["SIGSTOP", "sigstop-parent"],
  ])("%s to the grader and every process it can name: the batch finishes, no one else loses a point", (signal, name) => {
    // Last in its notebook: inside bubblewrap its parent is pid 0, so the signal comes back to the
    // attacker itself. Its SIGINTs land in its own cells: mostly the one that sent them, but under
    // load (1 run in 4) a second one reaches one of its own later tests through Node's SIGINT
    // watchdog, which the runner child still uses (issue 11's note) — its own loss, no one else's.
    const b = grade(name, { "a-attacker.ipynb": submission(allSolved, [["train-lr-test", signalEveryone(signal)]]), "b-victim.ipynb": correct });
    expect(b.results.get("a-attacker.ipynb")!.status).toBe("graded");
    if (signal !== "SIGINT") expect(score(b, "a-attacker.ipynb")).toBe(10);
    expect(score(b, "b-victim.ipynb")).toBe(10);
  });

  it("stopping the next student's pre-started process by pid: it cannot see it, the next student scores 10", () => {
    const sweep = `for (let pid = 1; pid < 4096; pid++) { try { if (pid !== process.pid) process.kill(pid, "SIGSTOP"); } catch {} }
try { process.kill(-1, "SIGSTOP"); } catch {}`;
    const b = grade("stop-next", { "a-attacker.ipynb": submission(allSolved, [["setup", sweep]]), "b-next.ipynb": correct, "c-after.ipynb": correct });
    expect([...b.results.values()].map((r) => r.score)).toEqual([10, 10, 10]);
  });

  it("a null message and a frame announced at 2 GB fail that submission with a note, never the batch", () => {
    const b = grade("bad-messages", {
      "a-null.ipynb": submission(allSolved, [["grad-autograd-code", `(process as any).send?.(null);\n${writeFrame('"null"')}`]]),
      "b-victim.ipynb": correct,
    });
    const bad = b.results.get("a-null.ipynb")!;
    expect(bad.stopped).toMatchObject({ code: "violated" });
    expect(bad.notes.join("\n")).toMatch(/grading stopped: The notebook's process sent a message that is not an object/);
    expect(bad.tests.map((t) => [t.id, t.points, t.status])).toEqual([["grad-f", 2, "passed"], ["grad-autograd", 0, "not-run"], ["train-loss", 0, "not-run"], ["train-lr", 0, "not-run"]]);
    expect(score(b, "b-victim.ipynb")).toBe(10);
    const huge = grade("huge-frame", {
      "a-huge.ipynb": submission(allSolved, [["setup", `{ const head = Buffer.alloc(4); head.writeUInt32BE(2 ** 31, 0); require("fs").writeSync(3, head); }`]]),
      "b-victim.ipynb": correct,
    });
    expect(huge.results.get("a-huge.ipynb")!.notes.join("\n")).toMatch(/a message of 2147483648 bytes \(the limit is 67108864\)/);
    expect(score(huge, "b-victim.ipynb")).toBe(10);
  });

  it("a 90-million-character error is capped: every report is written and the submission keeps its points", () => {
    const b = grade("huge-error", { "a-huge.ipynb": submission(allSolved, [["setup", `throw new Error("x".repeat(90_000_000));`]]), "b-victim.ipynb": correct });
    const huge = b.results.get("a-huge.ipynb")!;
    expect(huge.score).toBe(10);
    expect(huge.cells.find((c) => c.status === "error")!.error!.length).toBeLessThan(5000);
    expect(fs.statSync(path.join(b.out, "results.jsonl")).size).toBeLessThan(1 << 20);
  });

  it.each([
    ["a dangling symlink", "dangling", (f: string) => fs.symlinkSync(path.join(path.dirname(f), "gone"), f), "a symbolic link"],
    ["a symlink to a folder", "folder-link", (f: string) => fs.symlinkSync(os.tmpdir(), f), "a symbolic link"],
    ["a FIFO", "fifo", (f: string) => execFileSync("mkfifo", [f]), "a FIFO (named pipe)"],
  ])("%s named *.ipynb gets a per-submission error and zero; the batch goes on", (_, name, make, kind) => {
    const b = grade(name, { "a-odd.ipynb": make, "b-victim.ipynb": correct });
    expect(b.results.get("a-odd.ipynb")!).toMatchObject({ score: 0, status: "invalid", errors: [`a-odd.ipynb: the submission is ${kind}, not a regular file, so it was not read; submit the .ipynb file itself`] });
    expect(score(b, "b-victim.ipynb")).toBe(10);
  });

  it("slow cells and hanging functions stop at --submission-timeout, replays included, and the restarts are capped", () => {
    const slow = Array.from({ length: 10 }, (): [string, string] => ["setup", "{ const t = Date.now(); while (Date.now() - t < 60_000) {} }"]);
    const hang = { ...allSolved, "grad-f-code": "function gradF(x: number, y: number): number[] { for (;;) {} }" };
    const b = grade("slow", { "a-slow.ipynb": submission(hang, slow), "b-victim.ipynb": correct }, ["--timeout", "2", "--submission-timeout", "15"]);
    const r = b.results.get("a-slow.ipynb")!;
    expect(r.stopped?.code).toMatch(/^(submission-timeout|restarts)$/);
    expect(r.timings.restarts).toBeLessThanOrEqual(5);
    expect(r.tests.every((t) => t.points === 0)).toBe(true);
    expect(r.tests.at(-1)).toMatchObject({ status: "not-run", error: expect.stringMatching(/^not reached: /) });
    expect(score(b, "b-victim.ipynb")).toBe(10);
  });

  it("a cell that leaves an endless timer behind costs one restart, not one per cell after it; one whose timer exits the process too", () => {
    const b = grade("leftover", {
      "a-timer.ipynb": submission(allSolved, [["setup", "setTimeout(() => { for (;;) {} }, 50);"]]),
      // Its process dies while the grader compiles the next cell: that cell once waited forever for an exit already gone.
      "a-exits.ipynb": submission(allSolved, [["setup", "setTimeout(() => process.exit(0), 30);"]]),
      "b-victim.ipynb": correct,
    }, ["--timeout", "3"]);
    expect(b.results.get("a-exits.ipynb")!).toMatchObject({ score: 10, timings: { restarts: 1 } });
    const r = b.results.get("a-timer.ipynb")!;
    expect(r.score).toBe(10);
    expect(r.timings.restarts).toBe(1);
    // Only the cell that started the timer is blamed, not a fast cell that finished while it was pending.
    expect(r.notes.filter((n) => /left work running/.test(n))).toEqual([expect.stringMatching(/^cell 3 left work running when it finished \(Timeout\)/)]);
  });
});
