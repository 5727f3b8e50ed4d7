import type { Command } from "commander";
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { runNotebook } from "../runner/index";

type RunFlags = { out?: string; timeout: string };

/** `gradlab run NOTEBOOK [--out FILE] [--timeout S]`: execute a notebook headless. */
export function registerRun(program: Command): void {
  program
    .command("run <notebook>")
    .description("execute a notebook's code cells (like `jupyter nbconvert --execute`) and write it with outputs")
    .option("--out <file>", "where to write the executed notebook (default: NAME.nbconvert.ipynb next to it)")
    .option("--timeout <seconds>", "time limit per cell", "60")
    .action(async (notebook: string, flags: RunFlags) => {
      const timeoutS = Number(flags.timeout);
      if (!(timeoutS > 0)) throw new Error(`--timeout must be a positive number of seconds, got "${flags.timeout}".`);
      const out = flags.out ?? defaultOut(notebook);
      const started = performance.now();
      const { notebook: executed, cells, failed } = await runNotebook(notebook, { timeoutMs: timeoutS * 1000 });
      writeFileSync(out, JSON.stringify(executed, null, 1) + "\n");
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      for (const cell of cells.filter((c) => c.status !== "ok")) {
        console.error(`cell ${cell.index + 1}: ${cell.status}: ${cell.error?.ename}: ${cell.error?.evalue.split("\n")[0]}`);
      }
      console.error(`Executed ${cells.length} code cells in ${seconds} s (${failed} failed); wrote ${out}`);
      if (failed > 0) process.exitCode = 1;
    });
}

function defaultOut(notebook: string): string {
  const parsed = path.parse(notebook);
  return path.join(parsed.dir, `${parsed.name}.nbconvert.ipynb`);
}
