import * as fs from "node:fs";
import * as path from "node:path";
import { dataFiles } from "../authoring/data-files";
import { BUNDLE_VERSION, type Bundle, readBundle, serializeBundle } from "../bundle";
import { sha256, writeFileAtomic } from "../files";
import { readNotebook } from "../notebook";
import { assign } from "../commands/assign";

// ASSIGNMENT is a bundle (.json), a source notebook (.ipynb), or a name in solutions/. Bundles of
// source notebooks are built on the fly and cached by the source's hash in .gradlab/bundles/.

/** Find or build the bundle an ASSIGNMENT argument names. */
export async function resolveAssignment(arg: string, log: (line: string) => void): Promise<Bundle> {
  if (arg.endsWith(".json")) return readBundle(arg);
  const source = arg.endsWith(".ipynb") ? arg : path.join("solutions", `${arg}.ipynb`);
  if (!fs.existsSync(source)) {
    throw new Error(`assignment ${arg} not found: pass a bundle (.json), a source notebook (.ipynb) or the name of a notebook in solutions/ (looked for ${source}).`);
  }
  const nb = readNotebook(source);
  // The key covers what the bundle is made of: the source, its data files, the bundle format.
  const key = [sha256(fs.readFileSync(source)), ...dataFiles(source, [], nb.metadata).map((f) => f.sha256), BUNDLE_VERSION].join(":");
  const cached = path.join(".gradlab", "bundles", "by-source", `${sha256(key)}.json`);
  if (fs.existsSync(cached)) return readBundle(cached);
  log(`building the bundle of ${source} (runs the solution once)…`);
  const ctx = await assign(source, { noWrite: true, releaseDir: path.join(".gradlab", "tmp-release"), log });
  writeFileAtomic(cached, serializeBundle(ctx.bundle!));
  return ctx.bundle!;
}
