// The files the browser kernel's TypeScript compiler needs, collected by starting the Node
// kernel's own session and recording every file its compiler reads (TypeScript's lib files,
// @types/node, the library's declarations and what they import). The worker serves exactly
// these from memory, at the same paths relative to the package root, so a cell type-checks in
// the browser against the same declarations as in JupyterLab on Node — except Node's globals:
// there cells get lite/worker/cell-globals (what the worker has) instead of @types/node.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

const recorder = `
const path = require("node:path");
const root = process.argv[1];
const ts = require(path.join(root, "dist/kernel/tslab.js")).typescript();
const read = new Set();
const readFile = ts.sys.readFile;
ts.sys.readFile = (file, encoding) => {
  const text = readFile(file, encoding);
  if (text !== undefined) read.add(path.resolve(file));
  return text;
};
// Compiling in this thread (as the runner's child does) so every read passes through here.
const { createSession, threadBackend } = require(path.join(root, "dist/kernel/session.js"));
createSession({ backend: threadBackend }).then((session) => {
  session.close();
  // The session captured process.stdout for cells: write to the descriptor itself.
  require("node:fs").writeSync(1, JSON.stringify([...read]));
}, (err) => { console.error(err); process.exit(1); });
`;

// @types/node and the fetch types it pulls in: read only for Node's globals.
const nodeGlobals = ["node_modules/@types/node/", "node_modules/undici-types/"];
const cellGlobals = "lite/worker/cell-globals/index.d.ts";

/**
 * Every file the Node kernel's compiler reads to start a session with the prelude, but Node's
 * globals (cell-globals in their place), as a map from its path relative to the package root
 * ("/"-separated) to its text.
 */
export function collectFileImage(packageRoot) {
  const out = execFileSync(process.execPath, ["-e", recorder, packageRoot], { cwd: packageRoot, encoding: "utf8", maxBuffer: 1 << 26 });
  const files = {};
  for (const file of JSON.parse(out).sort()) {
    const rel = relative(packageRoot, file);
    if (rel.startsWith("..")) throw new Error(`The kernel's compiler read ${file}, outside the package ${packageRoot}; the site cannot serve it.`);
    const name = rel.split(sep).join("/");
    if (!nodeGlobals.some((prefix) => name.startsWith(prefix))) files[name] = readFileSync(file, "utf8");
  }
  files[cellGlobals] = readFileSync(join(packageRoot, cellGlobals), "utf8");
  return files;
}
