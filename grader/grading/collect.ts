import * as fs from "node:fs";
import * as path from "node:path";

// SUBMISSION arguments are files or folders. A folder contributes every entry named *.ipynb below
// it (skipping Jupyter's checkpoints) whatever it is — a symlink, FIFO, device or folder named *.ipynb
// is a submission that fails as "not a regular file", it is never followed or opened blocking —
// and other symlinks are not followed. Each submission is named by its path relative to the argument
// (`alice/hw.ipynb`); names that would still collide are made relative to the arguments' common folder.

/** One submission: the file, and the name results, CSV rows and feedback use. */
export interface Submission {
  file: string;
  id: string;
}

function walk(dir: string, root: string): Submission[] {
  return fs.readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => {
      const full = path.join(dir, e.name);
      if (e.name.endsWith(".ipynb")) return [{ file: full, id: path.relative(root, full) }];
      if (e.isDirectory() && e.name !== ".ipynb_checkpoints") return walk(full, root);
      return [];
    });
}

function commonFolder(files: string[]): string {
  let common = path.dirname(files[0]);
  const inside = (f: string) => f.startsWith(common.endsWith(path.sep) ? common : common + path.sep);
  while (!files.every(inside) && path.dirname(common) !== common) common = path.dirname(common);
  return common;
}

/** The submissions, sorted within each folder; a missing path is a usage error. */
export function collectSubmissions(args: string[]): Submission[] {
  const found: Submission[] = [];
  for (const arg of args) {
    const stat = fs.lstatSync(arg, { throwIfNoEntry: false });
    if (stat === undefined) throw new Error(`submission ${arg} does not exist; pass notebook files or folders of them.`);
    const folder = !arg.endsWith(".ipynb") && fs.statSync(arg, { throwIfNoEntry: false })?.isDirectory() === true;
    if (folder) found.push(...walk(path.resolve(arg), path.resolve(arg)));
    else found.push({ file: path.resolve(arg), id: path.basename(arg) });
  }
  const unique = [...new Map(found.map((s) => [s.file, s])).values()];
  if (unique.length === 0) throw new Error(`no .ipynb files found in ${args.join(", ")}.`);
  const count = new Map<string, number>();
  for (const s of unique) count.set(s.id, (count.get(s.id) ?? 0) + 1);
  const clashing = unique.filter((s) => count.get(s.id)! > 1);
  if (clashing.length > 0) {
    const root = commonFolder(clashing.map((s) => s.file));
    for (const s of clashing) s.id = path.relative(root, s.file);
  }
  return unique;
}
