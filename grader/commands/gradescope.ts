import type { Command } from "commander";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { zipSync } from "fflate";
import { readBundle, serializeBundle } from "../bundle";
import { writeFileAtomic } from "../files";
import { runAutograderScript, setupScript } from "../gradescope/scripts";
import { packGradlab } from "../init/vendor";
import type { Visibility } from "../reports/student-view";

/** The files of a Gradescope autograder for a bundle: scripts, the bundle, the gradlab tarball. */
export function autograderFiles(bundleFile: string, options: { timeoutS: number; hiddenVisibility: Visibility }): Map<string, { data: Buffer; mode: number }> {
  const bundle = readBundle(bundleFile);
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), "gradlab-autograder-"));
  try {
    const tarball = packGradlab(temp);
    const settings = { tarball, ...options };
    return new Map([
      ["setup.sh", { data: Buffer.from(setupScript(settings)), mode: 0o755 }],
      ["run_autograder", { data: Buffer.from(runAutograderScript(settings)), mode: 0o755 }],
      ["bundle.json", { data: Buffer.from(serializeBundle(bundle)), mode: 0o644 }],
      [tarball, { data: fs.readFileSync(path.join(temp, tarball)), mode: 0o644 }],
    ]);
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

/** Write the autograder as a zip (OUT ends in .zip: what Gradescope takes) or as a folder. */
export function writeAutograder(out: string, files: Map<string, { data: Buffer; mode: number }>): void {
  if (out.endsWith(".zip")) {
    // Unix permissions in the entries' external attributes, so run_autograder stays executable.
    const entries = Object.fromEntries([...files].map(([name, f]) => [name, [new Uint8Array(f.data), { os: 3, attrs: (0o100000 | f.mode) << 16 }]]));
    writeFileAtomic(out, Buffer.from(zipSync(entries as Parameters<typeof zipSync>[0])));
    return;
  }
  for (const [name, f] of files) {
    writeFileAtomic(path.join(out, name), f.data);
    fs.chmodSync(path.join(out, name), f.mode);
  }
}

/** Adds `gradlab gradescope BUNDLE [--out autograder.zip]`. */
export function registerGradescope(program: Command): void {
  program
    .command("gradescope <bundle>")
    .description("instructor: make Gradescope's autograder (setup.sh, run_autograder, the bundle, gradlab) from a bundle")
    .option("--out <file>", "autograder.zip to upload to Gradescope (a name without .zip writes a folder)", "autograder.zip")
    .option("--timeout <seconds>", "per-cell time limit while grading", "60")
    .option("--hidden-visibility <when>", "when students see hidden tests' results: hidden, after_due_date, after_published, visible", "after_published")
    .action((bundle: string, o: { out: string; timeout: string; hiddenVisibility: string }) => {
      if (!["hidden", "after_due_date", "after_published", "visible"].includes(o.hiddenVisibility)) throw new Error(`--hidden-visibility ${o.hiddenVisibility} is not one of hidden, after_due_date, after_published, visible.`);
      const timeoutS = Number(o.timeout);
      if (!(timeoutS > 0)) throw new Error(`--timeout must be a positive number of seconds, got ${o.timeout}.`);
      writeAutograder(o.out, autograderFiles(bundle, { timeoutS, hiddenVisibility: o.hiddenVisibility as Visibility }));
      console.log(`wrote ${o.out}: setup.sh, run_autograder, bundle.json and gradlab; upload it as the assignment's autograder (Gradescope: Configure Autograder → Zip file upload)`);
    });
}
