import type { Kernel, KernelMessage } from "@jupyterlab/services";
import type { CellError } from "../../kernel/outcome";
import type { CellRunner } from "../grading/execute";
import { unshiftColumns } from "../grading/test-code";
import { HOOKS_GLOBAL } from "../harness/kernel-setup";
import { newKey } from "../harness/record";
import type { ExecuteOptions, ExecuteResult, NbOutput, TestTag } from "../runner/index";
import { capText, cellError, outputs as cappedOutputs } from "../runner/validate";

// Runs a submission on a kernel of a Jupyter Server / Kernel Gateway / Enterprise Gateway through
// @jupyterlab/services. check() records travel as display_data of a private mime type, which the
// grader takes out of the outputs. Isolation (memory, files, network) is then the gateway's.

/** The mime type check() records are displayed under when grading over Jupyter. */
export const RECORD_MIME = "application/vnd.gradlab.record+json";

const GRACE_MS = 2000;

/** Where the server is. */
export interface JupyterTarget {
  url: string;
  token: string;
  kernelName?: string;
}

const OUTPUT_BUDGET = 2 << 20;

// Runs first on every kernel, before any student cell: the harness is installed here, on the library
// the kernel preloaded, found from gradlab's own entry (dist/src/index.js → dist/grader/harness).
const connectCell = (key: string) => `{ const path = require("path"); const entry = require.resolve("gradlab");
const display = (require("tslab") as any).display; const raw = display.raw.bind(display);
(require(path.join(path.dirname(entry), "..", "grader", "harness", "kernel-setup.js")) as any)
  .connect(${JSON.stringify(key)}, entry, (sealed: string) => raw(${JSON.stringify(RECORD_MIME)}, sealed)); }`;

// A cell that shadows these names only makes its tests fail: records count only when the harness
// (which alone holds the key) seals them. The embedded runner's child calls the hooks itself.
const hooks = `(globalThis as any).${HOOKS_GLOBAL}`;

/** What precedes a test's code in its cell: the kernel's beginTest hook. */
const testPrefix = (test: TestTag) =>
  `${hooks}.beginTest(${JSON.stringify(test.nonce)}, ${JSON.stringify(test.id)}${test.rng ? `, ${JSON.stringify(test.rng)}` : ""}); try `;

function toOutput(msg: KernelMessage.IIOPubMessage, messages: unknown[], outputs: NbOutput[]): CellError | null {
  const c = msg.content as Record<string, unknown>;
  switch (msg.header.msg_type) {
    case "stream": {
      const name = c.name as "stdout" | "stderr";
      const last = outputs.at(-1);
      const text = capText(c.text, OUTPUT_BUDGET);
      if (last?.output_type === "stream" && last.name === name) last.text += text;
      else outputs.push({ output_type: "stream", name, text });
      return null;
    }
    case "display_data": {
      const data = c.data as Record<string, unknown>;
      if (data !== null && typeof data === "object" && RECORD_MIME in data) messages.push(data[RECORD_MIME]);
      else outputs.push({ output_type: "display_data", data, metadata: (c.metadata ?? {}) as Record<string, unknown> });
      return null;
    }
    case "execute_result":
      outputs.push({ output_type: "execute_result", execution_count: Number(c.execution_count), data: c.data as Record<string, unknown>, metadata: {} });
      return null;
    case "error": {
      const error = cellError(c);
      outputs.push({ output_type: "error", ...error });
      return error;
    }
    default:
      return null;
  }
}

/** One kernel on the server, used like the embedded Runner. */
export class JupyterRunner implements CellRunner {
  private dead = false;
  readonly harnessKey = newKey();
  private constructor(private readonly kernel: Kernel.IKernelConnection) {
    kernel.statusChanged.connect((_, status) => {
      if (status === "dead" || status === "restarting" || status === "autorestarting") this.dead = true;
    });
  }

  /** Start a kernel and connect the grading channel. */
  static async start(manager: Kernel.IManager, kernelName: string, defaultTimeoutMs: number): Promise<JupyterRunner> {
    const runner = new JupyterRunner(await manager.startNew({ name: kernelName }));
    await runner.kernel.info;
    const connected = await runner.execute(connectCell(runner.harnessKey), { timeoutMs: defaultTimeoutMs });
    if (connected.status !== "ok") {
      await runner.close();
      throw new Error(`the kernel "${kernelName}" could not load gradlab's grading hooks: ${connected.error?.evalue ?? connected.status}`);
    }
    return runner;
  }

  async execute(source: string, options: ExecuteOptions): Promise<ExecuteResult> {
    const started = performance.now();
    const outputs: NbOutput[] = [];
    const messages: unknown[] = [];
    let error: CellError | null = null;
    const prefix = options.test ? testPrefix(options.test) : "";
    const code = options.test ? `${prefix}${source} finally { ${hooks}.endTest(); }` : source;
    const future = this.kernel.requestExecute({ code, stop_on_error: false, store_history: true });
    future.onIOPub = (msg) => {
      error = toOutput(msg, messages, outputs) ?? error;
    };
    let timedOut = false;
    const timeoutMs = options.timeoutMs ?? 60_000;
    const watchdog = new Promise<"timeout">((resolve) => {
      const t = setTimeout(() => {
        timedOut = true;
        void this.kernel.interrupt().catch(() => undefined);
        setTimeout(() => resolve("timeout"), GRACE_MS);
      }, timeoutMs);
      void future.done.finally(() => clearTimeout(t)).catch(() => undefined);
    });
    const reply = await Promise.race([future.done.catch(() => null), watchdog]);
    const ms = performance.now() - started;
    if (timedOut) {
      const timeout = { ename: "TimeoutError", evalue: `The cell ran longer than its ${timeoutMs / 1000} s time limit and was stopped.`, traceback: [] };
      return { status: "timeout", outputs: [...cappedOutputs(outputs, OUTPUT_BUDGET).filter((o) => o.output_type !== "error"), { output_type: "error", ...timeout }], executionCount: null, ms, error: timeout, messages, started: true, pending: [], lost: true };
    }
    if (reply === null || this.dead) {
      const died = { ename: "ProcessDied", evalue: "The kernel died (out of memory, or killed by the gateway); variables from earlier cells are gone.", traceback: [] };
      return { status: "crashed", outputs: [{ output_type: "error", ...died }], executionCount: null, ms, error: died, messages: [], started: true, pending: [], lost: true };
    }
    const content = (reply as KernelMessage.IExecuteReplyMsg).content;
    const executionCount = "execution_count" in content ? content.execution_count : null;
    const status = content.status === "ok" ? "ok" : "error";
    const done = { outputs: cappedOutputs(outputs, OUTPUT_BUDGET), executionCount, ms, messages, started: true, pending: [], lost: false };
    const failure: CellError = error ?? { ename: "Error", evalue: content.status, traceback: [] };
    return { status, ...done, ...(status === "error" && { error: { ...failure, evalue: unshiftColumns(failure.evalue, code, prefix) } }) };
  }

  // Through the REST API, since the connection skips the request when it believes the kernel dead,
  // which after an autorestart it is not; the server kills a kernel too busy to answer.
  async close(): Promise<void> {
    const { id, serverSettings } = this.kernel;
    this.kernel.dispose();
    const { KernelAPI } = require("@jupyterlab/services") as typeof import("@jupyterlab/services");
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await KernelAPI.shutdownKernel(id, serverSettings);
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }
}
