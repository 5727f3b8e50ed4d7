import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { packageRoot } from "../../kernel/paths";

// A course depends on the gradlab it was made with: `npm pack` of this installation, vendored in
// the course's vendor/ folder, so `npm install` there works anywhere (gradlab is not on the npm
// registry) and the Gradescope autograder can carry the same tarball.

/** Pack this gradlab into `dir`; returns the tarball's file name. */
export function packGradlab(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  // --ignore-scripts: an installed copy is already built (and has no build tools).
  const run = spawnSync("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", path.resolve(dir)], { cwd: packageRoot, encoding: "utf8" });
  const name = (run.stdout ?? "").trim().split("\n").at(-1) ?? "";
  if (run.error || run.status !== 0 || !name.endsWith(".tgz") || !fs.existsSync(path.join(dir, name))) {
    throw new Error(`could not pack gradlab from ${packageRoot} with npm (${run.error?.message ?? (run.stderr ?? "").trim().split("\n").at(-1)}); gradlab needs npm on PATH for this.`);
  }
  return name;
}
