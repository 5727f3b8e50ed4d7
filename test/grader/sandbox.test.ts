import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { libraryEntry, packageRoot } from "../../kernel/paths";
import type { BundleTest } from "../../grader/bundle";
import { gradingRunnerOptions } from "../../grader/grading/embedded";
import { newNonce, testCellCode, testRecords } from "../../grader/grading/test-code";
import { type Runner, startRunner } from "../../grader/runner/index";

// What a submission's process can and cannot do, one trick at a time, in the sandbox `gradlab grade`
// uses by default: bubblewrap namespaces as uid 65534, Node's permission model inside, the grading
// harness installed before the first cell. We are root here, as a TA grading usually is.

const bundlePath = path.resolve(__dirname, "..", "fixtures", "grader", "golden", "gradients.bundle.json");
const solution = path.join(packageRoot, "solutions", "01-gradient-descent-autograd.ipynb");
const test = (code: string): BundleTest => ({ id: "t", points: 1, hidden: true, rtol: 1e-6, atol: 1e-9, timeoutS: null, position: 1, cellId: "t", code, references: [] });

describe("a submission process in the bubblewrap sandbox", () => {
  let runner: Runner;
  let server: net.Server;
  let port = 0;
  // The child's scratch folder is a tmpfs mounted over this path: what the host has there is not in its view.
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "gradlab-sandbox-"));
  fs.writeFileSync(path.join(cwd, "host-secret.txt"), "the host's file");
  beforeAll(async () => {
    runner = await startRunner(gradingRunnerOptions({ cwd, timeoutMs: 20_000, memoryMb: 512, libraryEntry, sandbox: { mechanism: "bwrap", scratchMb: 32 } }));
    server = net.createServer((s) => s.end("hello")).listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    await runner.close();
    server.close();
    fs.rmSync(cwd, { recursive: true, force: true });
  });
  const run = async (code: string) => runner.execute(code);
  const text = (r: Awaited<ReturnType<Runner["execute"]>>) => r.outputs.map((o) => ("text" in o ? o.text : "")).join("") + (r.error ? `${r.error.ename}: ${r.error.evalue}` : "");
  const runTest = async (code: string) => {
    const nonce = newNonce();
    const r = await runner.execute(testCellCode(test(code)), { test: { nonce, id: "t" } });
    return { r, ...testRecords(r.messages, runner.harnessKey, nonce, "t") };
  };

  it("runs as an unprivileged uid, inside and outside its namespace", async () => {
    expect(text(await run("console.log(process.getuid!(), process.getgid!(), process.pid)"))).toBe("65534 65534 1\n");
    const outside = fs.readFileSync(`/proc/${runner.nodePid()}/status`, "utf8");
    expect(/^Uid:\s+(\d+)/m.exec(outside)![1]).toBe("65534");
  });

  it("cannot read the bundle, and a file outside its view does not exist for it (require.resolve finds no solution)", async () => {
    expect(text(await run(`require("fs").readFileSync(${JSON.stringify(bundlePath)}, "utf8")`))).toMatch(/ERR_ACCESS_DENIED|restricted/);
    expect(text(await run(`require.resolve(${JSON.stringify(solution)})`))).toMatch(/Cannot find module/);
    expect(text(await run(`require("fs").opendirSync("/")`))).toMatch(/ERR_ACCESS_DENIED|restricted/);
    expect(text(await run(`console.log(require("fs").existsSync("host-secret.txt"), require("fs").readdirSync(".").length)`))).toBe("false 0\n");
  });

  it("can see and signal no process outside: the grader and another process are invisible to it", async () => {
    const victim = spawn("sleep", ["30"], { stdio: "ignore" });
    try {
      const r = await run(`const out: string[] = [];
for (const pid of [${process.pid}, ${victim.pid}]) { try { process.kill(pid, "SIGSTOP"); out.push("sent"); } catch (e) { out.push((e as any).code); } }
console.log(process.ppid, out.join(" "));`);
      expect(text(r)).toBe("0 ESRCH ESRCH\n");
      expect(fs.readFileSync(`/proc/${victim.pid}/stat`, "utf8").split(" ")[2]).not.toBe("T");
    } finally {
      victim.kill("SIGKILL");
    }
  });

  it("reaches no network, not even the grading machine's loopback", async () => {
    const r = await run(`await new Promise<void>((resolve) => { const s = require("net").connect(${port}, "127.0.0.1");
s.on("data", () => { console.log("connected"); resolve(); }); s.on("error", (e: any) => { console.log(e.code); resolve(); }); });`);
    expect(text(r)).toMatch(/^E[A-Z]+\n$/);
    expect(text(r)).not.toContain("connected");
  });

  it("writes only into a size-limited scratch folder", async () => {
    expect((await run(`require("fs").writeFileSync("inside.txt", "ok")`)).status).toBe("ok");
    expect(text(await run(`require("fs").writeFileSync("/tmp/gradlab-escape.txt", "x")`))).toMatch(/ERR_ACCESS_DENIED|restricted/);
    expect(text(await run(`const mb = Buffer.alloc(1 << 20); const fd = require("fs").openSync("big", "w");
try { for (let i = 0; i < 64; i++) require("fs").writeSync(fd, mb); } catch (e) { console.log((e as any).code); }`))).toBe("ENOSPC\n");
  });

  it("cannot start processes or workers", async () => {
    expect(text(await run(`require("child_process").execSync("echo hi")`))).toMatch(/ERR_ACCESS_DENIED|restricted/);
    expect(text(await run(`new (require("worker_threads").Worker)("0", { eval: true })`))).toMatch(/ERR_ACCESS_DENIED|restricted/);
  });

  it("sees no environment but PATH (and bubblewrap's PWD), and not the harness key", async () => {
    const r = await run(`console.log(Object.keys(process.env).sort().join(","), JSON.stringify(process.env).includes(${JSON.stringify(runner.harnessKey)}))`);
    expect(text(r)).toBe("PATH,PWD false\n");
  });

  it("treats warnings and stderr as output, not as failures", async () => {
    const r = await run(`console.warn("careful"); console.error("to stderr"); process.emitWarning("deprecated thing"); 1`);
    expect(r.status).toBe("ok");
    expect(r.outputs.filter((o) => o.output_type === "stream").map((o) => (o as { name: string }).name)).toContain("stderr");
  });

  it("gets built-ins, the module loader, vm and check() back unpatched when a test runs, and cannot take heap snapshots", async () => {
    const patch = await run(`Math.cos = () => 42;
(Array.prototype as any).at = () => -1;
(JSON as any).stringify = () => "{}";
(Tensor.prototype as any).toArray = () => [0];
require("vm").Script.prototype.runInThisContext = () => 0; const M = require("module"); const load = M._load; M._load = () => ({});
try { (globalThis as any).__tslab__.exports.check = () => {}; } catch (e) { console.log("locked"); }
try { gradlab.setCheckSink(() => {}); } catch (e) { console.log("sink kept"); }
M._load = load;
try { require("v8").getHeapSnapshot(); } catch (e) { console.log("no heap snapshot"); }
M._load = () => ({});`);
    expect(text(patch)).toBe("locked\nsink kept\nno heap snapshot\n");
    const { began, ended, checks, modified } = await runTest(`check("cos", Math.cos(0));
check("at", [1, 2].at(-1)!);
check("toArray", tensor([3, 4]).toArray());`);
    expect([began?.unrestored, ended?.modified, modified]).toEqual([[], [], []]);
    expect(checks.map((c) => [c.label, c.value])).toEqual([
      ["cos", { kind: "numeric", from: "number", shape: [], data: [1] }],
      ["at", { kind: "numeric", from: "number", shape: [], data: [2] }],
      ["toArray", { kind: "numeric", from: "array", shape: [2], data: [3, 4] }],
    ]);
  });

  it("reports a test during which the submission touched what the harness relies on", async () => {
    await run(`function sneaky(): number { (globalThis as any).structuredClone = (x: unknown) => x; Math.abs = () => 0; return 1; }`);
    const { modified, checks } = await runTest(`check("value", sneaky());`);
    expect(modified).toEqual(expect.arrayContaining(["structuredClone", "Math.abs"]));
    expect(checks[0]!.modified).toEqual(expect.arrayContaining(["Math.abs"]));
  });

  it("drops records it did not seal, and those of another nonce", () => {
    const forged = ["0".repeat(64) + JSON.stringify({ type: "begin", nonce: "n", test: "t", unrestored: [] }), { type: "check" }, null, 42];
    expect(testRecords(forged, runner.harnessKey, "n", "t")).toEqual({ began: null, ended: null, checks: [], modified: [] });
  });
});
