import type { Command } from "commander";
import { buildSnapshot, freshSnapshot } from "../../kernel/compiler-snapshot-file";
import { KERNEL_NAME, installKernelspec, uninstallKernelspec } from "../../kernel/kernelspec";
import { libraryEntry } from "../../kernel/paths";

type Target = { user?: boolean; prefix?: string };

/** `gradlab kernel install|uninstall [--user|--prefix DIR]`: the Jupyter kernelspec. */
export function registerKernel(program: Command): void {
  const kernel = program.command("kernel").description("install or remove the gradlab Jupyter kernel");
  kernel
    .command("install")
    .description(`register the kernelspec "${KERNEL_NAME}" (TypeScript (gradlab)) with Jupyter`)
    .option("--user", "install for the current user (like `jupyter kernelspec install --user`)")
    .option("--prefix <dir>", "install under DIR/share/jupyter/kernels")
    .action((target: Target) => {
      const dir = installKernelspec(target);
      console.log(`Installed kernelspec ${KERNEL_NAME} in ${dir}`);
      prepareSnapshot();
    });
  kernel
    .command("uninstall")
    .description(`remove the kernelspec "${KERNEL_NAME}"`)
    .option("--user", "remove the per-user installation")
    .option("--prefix <dir>", "remove the installation under DIR/share/jupyter/kernels")
    .action((target: Target) => {
      const removed = uninstallKernelspec(target);
      if (removed.length === 0) {
        console.error(`No kernelspec ${KERNEL_NAME} found to remove.`);
        process.exitCode = 1;
      }
      for (const dir of removed) console.log(`Removed kernelspec ${KERNEL_NAME} from ${dir}`);
    });
}

/** The compiler's startup snapshot, built now rather than in the background of the first kernel. */
function prepareSnapshot(): void {
  if (freshSnapshot(libraryEntry)) return;
  const started = performance.now();
  const why = buildSnapshot(libraryEntry);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (why === null) console.log(`Built the compiler's startup snapshot in ${seconds} s (a kernel's first cell then runs within about a second).`);
  else console.log(`The compiler's startup snapshot was not built (${why}); kernels start without it.`);
}
