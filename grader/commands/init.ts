import type { Command } from "commander";
import * as fs from "node:fs";
import * as path from "node:path";
import { packageVersion } from "../../kernel/paths";
import { coursePackageJson, courseReadme, GITIGNORE } from "../init/course-files";
import { EXAMPLE_DATA, EXAMPLE_NAME, exampleNotebook } from "../init/example";
import { packGradlab } from "../init/vendor";
import { serializeNotebook } from "../notebook";

/** Make a course folder: package.json depending on this gradlab, solutions/ with an example, .gitignore, a README for TAs. */
export function initCourse(dir: string): string[] {
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) throw new Error(`${dir} already exists and is not empty; give gradlab init a new folder name.`);
  const course = path.basename(path.resolve(dir));
  const tarball = packGradlab(path.join(dir, "vendor"));
  const files: [string, string][] = [
    ["package.json", coursePackageJson(course, `vendor/${tarball}`)],
    [".gitignore", GITIGNORE],
    ["README.md", courseReadme(course, packageVersion)],
    [path.join("solutions", `${EXAMPLE_NAME}.ipynb`), serializeNotebook(exampleNotebook())],
    [path.join("solutions", ...EXAMPLE_DATA.path.split("/")), EXAMPLE_DATA.text],
  ];
  for (const [file, text] of files) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return [...files.map(([f]) => f), `vendor/${tarball}`];
}

/** Adds `gradlab init COURSE`. */
export function registerInit(program: Command): void {
  program
    .command("init <course>")
    .description("instructor: make a course folder (package.json depending on gradlab, solutions/ with an example exercise, .gitignore, a README for TAs)")
    .action((dir: string) => {
      const written = initCourse(dir);
      console.log(`made ${dir}/: ${written.join(", ")}`);
      console.log(`next: cd ${dir} && npm install && npx gradlab assign solutions/${EXAMPLE_NAME}.ipynb`);
    });
}
