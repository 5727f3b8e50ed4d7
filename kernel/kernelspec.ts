import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { gradlabNodeFlags } from "../src/node-flags";
import { kernelAssets, kernelMain } from "./paths";

// Installs the `gradlab` kernelspec where `jupyter kernelspec install` would put it, with absolute
// paths to this Node and this package, so it works from any notebook folder without JUPYTER_PATH.

/** The kernelspec's name: `jupyter nbconvert --ExecutePreprocessor.kernel_name=gradlab`. */
export const KERNEL_NAME = "gradlab";

/** Where to install: per user, under a prefix, or (default) the system-wide Jupyter folder. */
export type KernelspecTarget = { user?: boolean; prefix?: string };

/** The kernels folder a target stands for (the spec goes into its `gradlab/` subfolder). */
export function kernelsDir(target: KernelspecTarget, env: NodeJS.ProcessEnv = process.env): string {
  if (target.user && target.prefix) throw new Error("Choose one of --user and --prefix, not both.");
  if (target.prefix) return path.resolve(target.prefix, "share", "jupyter", "kernels");
  if (target.user) return path.join(userDataDir(env), "kernels");
  if (process.platform === "win32") return path.join(env.PROGRAMDATA ?? "C:\\ProgramData", "jupyter", "kernels");
  return "/usr/local/share/jupyter/kernels";
}

// jupyter_core's jupyter_data_dir().
function userDataDir(env: NodeJS.ProcessEnv): string {
  if (env.JUPYTER_DATA_DIR) return env.JUPYTER_DATA_DIR;
  if (process.platform === "darwin") return path.join(os.homedir(), "Library", "Jupyter");
  if (process.platform === "win32") return path.join(env.APPDATA ?? os.homedir(), "jupyter");
  return path.join(env.XDG_DATA_HOME ?? path.join(os.homedir(), ".local", "share"), "jupyter");
}

/** The kernel.json content for this installation. */
export function kernelJson(): object {
  return {
    argv: [process.execPath, ...gradlabNodeFlags(), kernelMain, "--config-path", "{connection_file}"],
    display_name: "TypeScript (gradlab)",
    language: "typescript",
    // Interrupts come as interrupt_request on the control channel (kernel/control-thread.ts).
    interrupt_mode: "message",
    metadata: { debugger: false },
  };
}

/** Write the kernelspec; returns its folder. */
export function installKernelspec(target: KernelspecTarget): string {
  if (!fs.existsSync(kernelMain)) {
    throw new Error(`The kernel is not built: ${kernelMain} does not exist. Run \`npm run build\` first.`);
  }
  const dir = path.join(kernelsDir(target), KERNEL_NAME);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EACCES" || code === "EPERM") {
      throw new Error(`No permission to write ${dir}. Use \`gradlab kernel install --user\` (or --prefix DIR).`);
    }
    throw err;
  }
  fs.writeFileSync(path.join(dir, "kernel.json"), JSON.stringify(kernelJson(), null, 2) + "\n");
  for (const logo of ["logo-32x32.png", "logo-64x64.png", "logo.svg"]) {
    fs.copyFileSync(path.join(kernelAssets, logo), path.join(dir, logo));
  }
  return dir;
}

/** Remove the kernelspec from the target, or from the user and system folders if none is given. */
export function uninstallKernelspec(target: KernelspecTarget): string[] {
  const targets = target.user || target.prefix ? [target] : [{ user: true }, {}];
  const removed: string[] = [];
  for (const t of targets) {
    const dir = path.join(kernelsDir(t), KERNEL_NAME);
    if (!fs.existsSync(path.join(dir, "kernel.json"))) continue;
    fs.rmSync(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  return removed;
}
