import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { grade } from "../../grader/commands/grade";
import { bubblewrap } from "../../grader/runner/index";
import type { GradeContext } from "../../grader/steps/grade-context";

// Choosing the sandbox: grading refuses to start where bubblewrap cannot create namespaces (saying
// how to fix it), and --sandbox node grades with the permission model only, saying so in every report.

const fixtures = path.join(__dirname, "..", "fixtures", "grader");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "gradlab-sandbox-choice-"));
fs.chmodSync(work, 0o755); // bwrap starts as the sandbox's user when grading as root
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const context = (sandbox: GradeContext["sandbox"], submissions: string[], gradescope = false): GradeContext => ({
  assignmentArg: path.join(fixtures, "golden", "gradients.bundle.json"), submissionArgs: submissions, outDir: path.join(work, "out"),
  cacheDir: path.join(work, "cache"), jobs: 1, timeoutMs: 20_000, submissionTimeoutMs: 120_000, memoryMb: 1024, force: true, gradescope,
  sandbox, stopped: () => false, log: () => {},
});

describe("the sandbox a batch is graded in", () => {
  it("refuses to start where bubblewrap cannot create namespaces, and says how to fix it", async () => {
    const fake = path.join(work, "bwrap");
    // What Debian's bwrap prints in a container without user namespaces.
    fs.writeFileSync(fake, "#!/bin/sh\necho 'bwrap: No permissions to creating new namespace, likely because the kernel does not allow non-privileged user namespaces.' >&2\nexit 1\n", { mode: 0o755 });
    const refused = grade(context(bubblewrap(fake), [path.join(fixtures, "submissions", "correct.ipynb")]));
    await expect(refused).rejects.toThrow(/cannot start the sandbox: bubblewrap cannot create namespaces here \(bwrap: No permissions to creating new namespace.*\)\. On a Linux host, allow user namespaces .*Or grade with --sandbox node/);
    await expect(grade(context(bubblewrap(path.join(work, "missing-bwrap")), [path.join(fixtures, "submissions", "correct.ipynb")])))
      .rejects.toThrow(/could not be run .*Install bubblewrap \(Debian\/Ubuntu: apt-get install bubblewrap\)/);
    expect(fs.existsSync(path.join(work, "out"))).toBe(false);
  });

  it("with --sandbox node, every report says what is not isolated", async () => {
    const ctx = await grade(context("node", [path.join(fixtures, "submissions", "correct.ipynb")], true));
    expect(ctx.results!.map((r) => [r.score, r.isolation])).toEqual([[10, { sandbox: "node", notIsolated: ["network", "signals"] }]]);
    const out = path.join(work, "out");
    expect(fs.readFileSync(path.join(out, "grades.csv"), "utf8")).toContain(',graded,"node (not isolated: network, signals)"');
    for (const file of ["results.jsonl", "results.json", path.join("feedback", "correct.html")]) {
      expect(fs.readFileSync(path.join(out, file), "utf8"), file).toContain("not isolated: network, signals");
    }
  });
});
