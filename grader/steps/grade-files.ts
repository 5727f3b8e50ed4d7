import * as os from "node:os";
import * as path from "node:path";
import { libraryEntry, packageVersion } from "../../kernel/paths";
import { sha256 } from "../files";
import { gradeBatch } from "../grading/batch";
import { ResultCache } from "../grading/cache";
import { dataFolder } from "../grading/data-files";
import { makeProgress } from "../grading/progress";
import { childSetupModule } from "../harness/child-setup";
import { kernelManager, tolerateMalformedMessages } from "../jupyter/connect";
import { gradeMsg } from "../messages";
import type { Step } from "../pipeline";
import type { Isolation } from "../results";
import { sandboxNamed, type SandboxMechanism } from "../runner/index";
import { sandboxReads } from "../runner/child-process";
import type { GradeContext } from "./grade-context";

const JUPYTER: Isolation = { sandbox: "jupyter", notIsolated: ["by gradlab (kernels are isolated only as the Jupyter server isolates them)"] };

// Refuses to grade where the sandbox cannot work (the message says how to fix it): better than
// grading untrusted notebooks unconfined.
function readySandbox(ctx: GradeContext): SandboxMechanism {
  const mechanism = typeof ctx.sandbox === "string" ? sandboxNamed(ctx.sandbox) : ctx.sandbox;
  const scratch = path.join(os.tmpdir(), "gradlab-probe");
  mechanism.probe(sandboxReads({ cwd: scratch, libraryEntry, setup: childSetupModule }).filter((p) => !p.startsWith(scratch)));
  return mechanism;
}

/** Grades every file (cached results reused), on embedded runners or on a Jupyter server. */
export const gradeFiles: Step<GradeContext> = {
  name: "grade submissions",
  needs: ["files", "bundle", "bundleSha256"],
  gives: ["results"],
  async run(ctx) {
    const mechanism = ctx.jupyter ? null : readySandbox(ctx);
    const isolation: Isolation = mechanism ? { sandbox: mechanism.kind, notIsolated: mechanism.notIsolated } : JUPYTER;
    // Limits change outcomes (a timeout may pass with a longer limit), so they are part of the key.
    const limits = [packageVersion, ctx.timeoutMs, ctx.submissionTimeoutMs, ctx.memoryMb, isolation.sandbox, ctx.jupyter?.url ?? "embedded"].join(":");
    const cache = new ResultCache(path.join(ctx.cacheDir, `${ctx.bundleSha256!.slice(0, 16)}-${sha256(limits).slice(0, 8)}`));
    if (ctx.jupyter && ctx.bundle!.files.length > 0) throw new Error(gradeMsg.jupyterFiles(ctx.bundle!.files.map((f) => f.path)));
    const manager = ctx.jupyter ? kernelManager(ctx.jupyter) : null;
    const data = dataFolder(ctx.bundle!.files);
    try {
      ctx.results = await tolerateMalformedMessages(() => gradeBatch(ctx.files!, ctx.bundle!, ctx.bundleSha256!, {
        jobs: ctx.jobs, cache, force: ctx.force, progress: makeProgress(ctx.files!.length), stopped: ctx.stopped,
        ...(ctx.signal && { signal: ctx.signal }),
        timeoutMs: ctx.timeoutMs, submissionTimeoutMs: ctx.submissionTimeoutMs, memoryMb: ctx.memoryMb, libraryEntry, isolation,
        sandbox: mechanism && { mechanism, files: data.files },
        ...(manager && { jupyter: { manager, kernelName: ctx.jupyter!.kernelName } }),
      }));
    } finally {
      data.remove();
      manager?.dispose();
    }
  },
};
