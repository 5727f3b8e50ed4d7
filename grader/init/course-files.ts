import { EXAMPLE_NAME } from "./example";

// The text files of a new course folder (`gradlab init COURSE`): package.json, .gitignore, and the
// README for the course's TAs, with the commands of a term.

/** package.json of the course: gradlab from the tarball vendored beside it. */
export function coursePackageJson(course: string, tarball: string): string {
  return JSON.stringify({
    name: course.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "") || "course",
    private: true,
    description: `${course}: notebooks graded with gradlab`,
    scripts: {
      assign: "gradlab assign solutions/*.ipynb",
      "kernel-install": "gradlab kernel install --user",
    },
    dependencies: { gradlab: `file:${tarball}` },
  }, null, 2) + "\n";
}

/** .gitignore: what gradlab writes that a course repository should not hold. */
export const GITIGNORE = `node_modules/
.gradlab/cache/
.gradlab/tmp-release/
grades/
gradlab-results/
submissions/
autograder/
*.nbconvert.ipynb
.ipynb_checkpoints/
`;

/** README.md for the course's TAs. */
export function courseReadme(course: string, version: string): string {
  return `# ${course}

Notebooks in TypeScript, graded with gradlab ${version} (not on the npm registry: it is vendored in
\`vendor/\`, so \`npm install\` needs nothing else). Node 20 and, for grading, Debian's
\`bubblewrap\`; Jupyter (\`jupyter-notebook\` or JupyterLab) to open notebooks.

\`\`\`sh
npm install
npx gradlab kernel install --user        # the "TypeScript (gradlab)" kernel for Jupyter
\`\`\`

## Folders

| folder | what |
| --- | --- |
| \`solutions/\` | source notebooks: solutions, tests, data files (instructors edit these) |
| \`notebooks/\` | what students get, written by \`gradlab assign\` (commit it) |
| \`.gradlab/bundles/\` | the autograder bundles, written by \`gradlab assign\` (hidden tests and references: do not give these to students) |
| \`submissions/NAME/\` | students' notebooks to grade, one folder per student or \`STUDENT.ipynb\` files (not committed) |
| \`grades/NAME/\` | reports (not committed) |

## A term, command by command

\`\`\`sh
npx gradlab assign solutions/${EXAMPLE_NAME}.ipynb --dry-run    # what students will see, cell by cell
npx gradlab assign solutions/${EXAMPLE_NAME}.ipynb              # release: notebooks/ + .gradlab/bundles/
npx gradlab check notebooks/${EXAMPLE_NAME}.ipynb               # what a student runs to self-check
npx gradlab grade .gradlab/bundles/${EXAMPLE_NAME}.json submissions/${EXAMPLE_NAME} --out grades/${EXAMPLE_NAME} \\
    --roster roster.csv --due 2026-12-01T23:59:00Z --late-penalty 0.1
# free-text answers: read grades/${EXAMPLE_NAME}/manual/*.html, fill in grades/${EXAMPLE_NAME}/manual/scores.csv, then
npx gradlab grade .gradlab/bundles/${EXAMPLE_NAME}.json submissions/${EXAMPLE_NAME} --out grades/${EXAMPLE_NAME} \\
    --roster roster.csv --due 2026-12-01T23:59:00Z --manual grades/${EXAMPLE_NAME}/manual/scores.csv
# one student resubmits: grade just that file into the same folder (the others are kept), same options
npx gradlab grade .gradlab/bundles/${EXAMPLE_NAME}.json submissions/${EXAMPLE_NAME}/alice.ipynb --out grades/${EXAMPLE_NAME} \\
    --roster roster.csv --due 2026-12-01T23:59:00Z --manual grades/${EXAMPLE_NAME}/manual/scores.csv
# a test fixed in solutions/: assign again, then rerun the whole-folder command above (every file is graded once more)
npx gradlab gradescope .gradlab/bundles/${EXAMPLE_NAME}.json --out autograder.zip   # Gradescope's autograder
\`\`\`

\`grades/NAME/grades.csv\` has a column per test and question; \`feedback/*.html\` is what each student
may see (no hidden test code or values); \`results.jsonl\` is the TA's full record, not for students.
A rerun grades only what changed. The instructor's manual (authoring format, every option) is
\`node_modules/gradlab/grader/README.md\` (after \`npm install\`).
`;
}
