import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KernelMessage, Session } from "@jupyterlab/services";
import { grade } from "../../grader/commands/grade";
import { kernelManager } from "../../grader/jupyter/connect";
import { packageRoot } from "../../kernel/paths";

// `gradlab grade --jupyter-url` against Debian's jupyter-server on loopback (with the TCP_NODELAY
// fix from the kernel-stack notes): the same scores as the embedded runner. The same server runs a
// student's kernel on a released notebook: check() finds the references in the saved notebook.

const jupyter = (() => {
  try {
    execFileSync("jupyter", ["server", "--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
if (!jupyter && process.env.CI) throw new Error("CI is set but `jupyter server` is not installed (apt-get install python3-jupyter-server).");
const why = "jupyter-server is not installed (Debian: python3-jupyter-server); the --jupyter-url grader is not tested";

const fixtures = path.join(__dirname, "..", "fixtures", "grader");
const nodelay = `from jupyter_server.services.kernels.handlers import ZMQChannelsHandler
_open = ZMQChannelsHandler.open
def open_nodelay(self, *a, **kw):
    self.set_nodelay(True)
    return _open(self, *a, **kw)
ZMQChannelsHandler.open = open_nodelay
`;

const freePort = () => new Promise<number>((resolve) => {
  const server = net.createServer().listen(0, "127.0.0.1", () => {
    const { port } = server.address() as net.AddressInfo;
    server.close(() => resolve(port));
  });
});

describe.skipIf(!jupyter)(`gradlab grade --jupyter-url${jupyter ? "" : ` (skipped: ${why})`}`, () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "gradlab-jupyter-"));
  const token = "gradlab-test-token";
  let server: ChildProcess;
  let url = "";
  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(packageRoot, "dist", "grader", "cli.js"), "kernel", "install", "--prefix", path.join(work, "prefix")]);
    fs.writeFileSync(path.join(work, "config.py"), nodelay);
    fs.mkdirSync(path.join(work, "root"));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    server = spawn("jupyter", ["server", `--config=${path.join(work, "config.py")}`, "--no-browser", "--allow-root", "--ip=127.0.0.1", `--port=${port}`,
      `--ServerApp.token=${token}`, `--ServerApp.root_dir=${path.join(work, "root")}`], {
      env: { ...process.env, JUPYTER_PATH: path.join(work, "prefix", "share", "jupyter"), PYDEVD_DISABLE_FILE_VALIDATION: "1" },
      stdio: "ignore",
    });
    for (let i = 0; i < 100; i++) {
      const up = await fetch(`${url}/api/status?token=${token}`).then((r) => r.ok, () => false);
      if (up) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error("jupyter server did not start within 20 s");
  });
  afterAll(() => {
    server?.kill("SIGTERM");
    fs.rmSync(work, { recursive: true, force: true });
  });

  it("grades a batch with the same scores as the embedded runner and leaves no kernel behind", async () => {
    const names = ["correct", "partial", "crashing", "not-a-notebook"];
    const ctx = await grade({
      assignmentArg: path.join(fixtures, "golden", "gradients.bundle.json"),
      submissionArgs: names.map((n) => path.join(fixtures, "submissions", `${n}.ipynb`)),
      outDir: path.join(work, "out"), cacheDir: path.join(work, "cache"), jobs: 2, timeoutMs: 20_000, submissionTimeoutMs: 300_000, memoryMb: 2048,
      force: true, gradescope: false, sandbox: "node", stopped: () => false, log: () => {},
      jupyter: { url, token, kernelName: "gradlab" },
    });
    expect(ctx.results!.map((r) => [r.submission, r.score, r.status])).toEqual([
      ["correct.ipynb", 10, "graded"], ["partial.ipynb", 5, "graded"], ["crashing.ipynb", 8, "graded"], ["not-a-notebook.ipynb", 0, "invalid"],
    ]);
    const kernels = await fetch(`${url}/api/kernels?token=${token}`).then((r) => r.json());
    expect(kernels).toEqual([]);
  });

  it("runs a released notebook's public test in a student's kernel, finding its references also after the notebook was renamed", async () => {
    const services = require("@jupyterlab/services") as typeof import("@jupyterlab/services");
    const kernels = kernelManager({ url, token });
    const sessions = new services.SessionManager({ kernelManager: kernels, serverSettings: kernels.serverSettings });
    const notebook = JSON.parse(fs.readFileSync(path.join(fixtures, "submissions", "correct.ipynb"), "utf8")) as { cells: { id: string; source: string | string[] }[] };
    const source = (id: string) => [notebook.cells.find((c) => c.id === id)!.source].flat().join("");
    fs.mkdirSync(path.join(work, "root", "course"), { recursive: true });
    fs.writeFileSync(path.join(work, "root", "course", "hw.ipynb"), JSON.stringify(notebook));
    const session = await sessions.startNew({ path: "course/hw.ipynb", type: "notebook", name: "hw.ipynb", kernel: { name: "gradlab" } });
    const run = async (s: Session.ISessionConnection, code: string) => {
      let out = "";
      const future = s.kernel!.requestExecute({ code });
      future.onIOPub = (msg) => {
        if (msg.header.msg_type === "stream") out += (msg as KernelMessage.IStreamMsg).content.text;
      };
      await future.done;
      return out;
    };
    try {
      await run(session, source("setup") + "\n" + source("grad-f-code"));
      expect(await run(session, source("grad-f-test"))).toBe("✓ gradient at (1, 2)\n✓ gradient at (0.5, -1)\n");
      await fetch(`${url}/api/contents/course/hw.ipynb?token=${token}`, { method: "PATCH", body: JSON.stringify({ path: "course/renamed.ipynb" }) });
      expect(await run(session, source("grad-f-test"))).toBe("✓ gradient at (1, 2)\n✓ gradient at (0.5, -1)\n");
      fs.rmSync(path.join(work, "root", "course", "renamed.ipynb"));
      expect(await run(session, source("grad-f-test"))).toMatch(/^\? gradient at \(1, 2\): not checked — test grad-f: the notebook file holding its references was not found/);
    } finally {
      await session.shutdown();
      sessions.dispose();
      kernels.dispose();
    }
  });
});
