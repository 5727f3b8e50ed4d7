import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { setupScript } from "../../../grader/gradescope/scripts";

// setup.sh as Gradescope runs it once when it builds the image, with apt-get and npm replaced by
// stand-ins that log their arguments (the image's Node is this machine's Node 20).

const work = fs.mkdtempSync(path.join(os.tmpdir(), "gradlab-setup-sh-"));
const bin = path.join(work, "bin");
const log = path.join(work, "calls.log");
fs.mkdirSync(bin);
fs.mkdirSync(path.join(work, "source"));
for (const tool of ["apt-get", "npm"]) {
  fs.writeFileSync(path.join(bin, tool), `#!/bin/sh\necho "${tool} $* (in $PWD)" >> "${log}"\n`, { mode: 0o755 });
}
fs.symlinkSync(process.execPath, path.join(bin, "node"));

describe("Gradescope's setup.sh", () => {
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it("refreshes the package lists before installing Node and bubblewrap, then installs gradlab's tarball in source/", () => {
    const script = path.join(work, "setup.sh");
    fs.writeFileSync(script, setupScript({ tarball: "gradlab-0.1.0.tgz", timeoutS: 60, hiddenVisibility: "after_published" }), { mode: 0o755 });
    execFileSync("bash", [script], { env: { PATH: `${bin}:/usr/bin:/bin`, GRADLAB_AUTOGRADER_ROOT: work }, stdio: "pipe" });
    expect(fs.readFileSync(log, "utf8").trim().split("\n")).toEqual([
      `apt-get update (in ${process.cwd()})`,
      `apt-get install -y nodejs npm bubblewrap (in ${process.cwd()})`,
      `npm install --no-audit --no-fund ./gradlab-0.1.0.tgz (in ${path.join(work, "source")})`,
    ]);
  });
});
