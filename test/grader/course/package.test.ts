import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The instructor's first hour, from the packed tarball in an empty folder outside the repository:
// npm install, gradlab init, kernel install, assign, check, run, grade (bubblewrap), and the
// Gradescope autograder's run_autograder in a folder standing in for /autograder. One pack, one install.

const repo = path.resolve(__dirname, "../../..");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "gradlab-package-"));
fs.chmodSync(work, 0o755);
const home = path.join(work, "home");
const course = path.join(home, "course");
const env = { ...process.env, npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" };
const sh = (cmd: string, args: string[], cwd: string, extra: Record<string, string> = {}) =>
  execFileSync(cmd, args, { cwd, encoding: "utf8", env: { ...env, ...extra }, stdio: ["ignore", "pipe", "pipe"] });
// gradlab as the course runs it: the binary npm installed (npx from the course's parent install).
const gradlab = (args: string[], cwd = course) => sh(path.join(home, "node_modules", ".bin", "gradlab"), args, cwd);
const out: Record<string, string> = {};

// A student's notebook: the release with the solution's code in the cells it blanked.
function solved(): string {
  const read = (f: string) => JSON.parse(fs.readFileSync(path.join(course, f), "utf8")) as { cells: { id: string; cell_type: string; source: string | string[] }[] };
  const text = (s: string | string[]) => (Array.isArray(s) ? s.join("") : s);
  const solution = new Map(read("solutions/linear-fit.ipynb").cells.map((c) => [c.id, text(c.source)]));
  const release = read("notebooks/linear-fit.ipynb");
  for (const cell of release.cells) {
    const src = solution.get(cell.id) ?? "";
    if (cell.cell_type === "code" && src.includes("BEGIN SOLUTION")) cell.source = src.split("\n").filter((l) => !/(BEGIN|END) SOLUTION/.test(l)).join("\n");
  }
  return JSON.stringify(release);
}

describe("gradlab from its tarball, in an empty folder", () => {
  beforeAll(() => {
    const tarball = sh("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", work], repo).trim().split("\n").at(-1)!;
    fs.mkdirSync(home);
    sh("npm", ["install", path.join(work, tarball)], home);
    out.init = sh("npx", ["gradlab", "init", "course"], home);
    out.kernel = gradlab(["kernel", "install", "--prefix", path.join(work, "jupyter")]);
    out.dryRun = gradlab(["assign", "solutions/linear-fit.ipynb", "--dry-run"]);
    out.assign = gradlab(["assign", "solutions/linear-fit.ipynb"]);
    gradlab(["run", "solutions/linear-fit.ipynb"]);
    out.runSource = fs.readFileSync(path.join(course, "solutions", "linear-fit.nbconvert.ipynb"), "utf8");
    fs.mkdirSync(path.join(course, "submissions", "linear-fit"), { recursive: true });
    fs.writeFileSync(path.join(course, "submissions", "linear-fit", "alice.ipynb"), solved());
    fs.copyFileSync(path.join(course, "notebooks", "linear-fit.ipynb"), path.join(course, "submissions", "linear-fit", "bob.ipynb"));
    // A student checks the notebook where it was released, beside its data file.
    fs.writeFileSync(path.join(course, "notebooks", "alice.ipynb"), solved());
    out.check = gradlab(["check", "notebooks/alice.ipynb"]);
    out.grade = gradlab(["grade", ".gradlab/bundles/linear-fit.json", "submissions/linear-fit", "--out", "grades/linear-fit", "--jobs", "2"]);
    out.gradescope = gradlab(["gradescope", ".gradlab/bundles/linear-fit.json", "--out", "autograder", "--hidden-visibility", "after_due_date"]);
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it("init makes a course folder depending on the vendored gradlab, with an example exercise and its data", () => {
    expect(out.init).toMatch(/made course\/: package\.json, \.gitignore, README\.md, solutions\/linear-fit\.ipynb, solutions\/data\/points\.csv, vendor\/gradlab-[\d.]+\.tgz/);
    const pkg = JSON.parse(fs.readFileSync(path.join(course, "package.json"), "utf8"));
    expect(pkg.dependencies.gradlab).toMatch(/^file:vendor\/gradlab-[\d.]+\.tgz$/);
    expect(fs.readFileSync(path.join(course, ".gitignore"), "utf8")).toContain("node_modules/");
    expect(fs.readFileSync(path.join(course, "README.md"), "utf8")).toContain("npx gradlab grade .gradlab/bundles/linear-fit.json");
  });

  it("installs the kernelspec and releases the example with its data file", () => {
    const spec = JSON.parse(fs.readFileSync(path.join(work, "jupyter", "share", "jupyter", "kernels", "gradlab", "kernel.json"), "utf8"));
    expect(spec.argv.join(" ")).toContain(path.join("node_modules", "gradlab"));
    expect(out.assign).toContain("blank release: all 4 tests fail, as they should");
    expect(fs.existsSync(path.join(course, "notebooks", "data", "points.csv"))).toBe(true);
  });

  it("previews the release without writing it, and says to assign first when the source notebook is run", () => {
    expect(out.dryRun).toContain("── cell 4 · code · solution replaced\n   function mseLoss(w: Tensor, b: Tensor): Tensor {\n     // YOUR CODE HERE");
    expect(out.dryRun).toContain("free-text question explain-divergence, 2 points, scored by a TA");
    expect(out.runSource).toContain("linear-fit.ipynb holds no recorded references: it is a source notebook");
    expect(out.runSource).toContain("Run `gradlab assign linear-fit.ipynb` first");
    expect(out.runSource).not.toContain("no reference was recorded");
  });

  it("self-checks, runs and grades a class in the sandbox", () => {
    expect(out.check).toMatch(/✓/);
    expect(out.check).not.toMatch(/✗/);
    const ran = gradlab(["run", "notebooks/alice.ipynb"]);
    expect(ran).not.toMatch(/no reference was recorded|Error/);
    const rows = fs.readFileSync(path.join(course, "grades", "linear-fit", "grades.csv"), "utf8").trim().split("\n");
    const col = (row: string, name: string) => row.split(",")[rows[0].split(",").indexOf(name)];
    const alice = rows.find((r) => r.startsWith("alice.ipynb"))!;
    const bob = rows.find((r) => r.startsWith("bob.ipynb"))!;
    expect(col(alice, "isolation")).toBe("bwrap");
    // Everything but the free-text question's 2 points, which a TA scores.
    expect([col(alice, "score"), col(alice, "max_score")]).toEqual(["9", "11"]);
    expect(Number(col(bob, "score"))).toBe(0);
    expect(fs.readFileSync(path.join(course, "grades", "linear-fit", "manual", "explain-divergence.html"), "utf8")).toContain("alice.ipynb");
  });

  it("the Gradescope autograder grades /autograder/submission into results/results.json", () => {
    const root = path.join(work, "autograder-root");
    fs.mkdirSync(path.join(root, "submission"), { recursive: true });
    fs.cpSync(path.join(course, "autograder"), path.join(root, "source"), { recursive: true });
    expect(fs.readdirSync(path.join(root, "source")).sort()).toEqual(expect.arrayContaining(["bundle.json", "run_autograder", "setup.sh"]));
    expect(fs.statSync(path.join(root, "source", "run_autograder")).mode & 0o111).not.toBe(0);
    // setup.sh's `npm install ./gradlab-X.tgz` stands as the install this test already made.
    fs.symlinkSync(path.join(home, "node_modules"), path.join(root, "source", "node_modules"));
    fs.writeFileSync(path.join(root, "submission", "mine.ipynb"), solved());
    sh(path.join(root, "source", "run_autograder"), [], root, { GRADLAB_AUTOGRADER_ROOT: root });
    const results = JSON.parse(fs.readFileSync(path.join(root, "results", "results.json"), "utf8"));
    expect(results.score).toBe(9);
    expect(results.tests.filter((t: { visibility: string }) => t.visibility === "after_due_date").length).toBe(2);
  });
});
