import * as fs from "node:fs";
import * as path from "node:path";

// SUBMISSION arguments are files or folders: a folder contributes its .ipynb files (recursively,
// skipping Jupyter's checkpoints); a file named explicitly is graded whatever it contains.

/** The submission files, sorted within each folder; a missing path is a usage error. */
export function collectSubmissions(args: string[]): string[] {
  const files: string[] = [];
  for (const arg of args) {
    if (!fs.existsSync(arg)) throw new Error(`submission ${arg} does not exist; pass notebook files or folders of them.`);
    if (fs.statSync(arg).isDirectory()) files.push(...walk(arg));
    else files.push(arg);
  }
  const unique = [...new Set(files.map((f) => path.resolve(f)))];
  if (unique.length === 0) throw new Error(`no .ipynb files found in ${args.join(", ")}.`);
  return unique;
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return e.name === ".ipynb_checkpoints" ? [] : walk(full);
      return e.name.endsWith(".ipynb") ? [full] : [];
    });
}
