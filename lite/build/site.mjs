#!/usr/bin/env node
// `npm run site`: builds site/, the course as a JupyterLite site (JupyterLab 4 in the browser with
// the gradlab kernel in a Web Worker). `npm run site -- --instructor` builds site-instructor/
// with the solutions instead of the student release. The app is compiled once into a cache and
// copied into each site; the cache is reused while none of its inputs changed.
import { createHash } from "node:crypto";
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import rspack from "@rspack/core";
import { writeAppSources } from "./app-sources.mjs";
import { collectFileImage } from "./file-image.mjs";
import { compileSchemas, precompress, writeContents, writeLiteConfig, writePages, writeTranslations } from "./lite-steps.mjs";
import { appConfig, workerConfig } from "./rspack-config.mjs";

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const cacheDir = join(root, "node_modules", ".cache", "gradlab-site");
const TITLE = "gradlab course";

const notebookFiles = (dir) => readdirSync(dir).filter((f) => f.endsWith(".ipynb")).sort().map((f) => join(dir, f));

/** The student release as committed in notebooks/. */
async function studentNotebooks() {
  return notebookFiles(join(root, "notebooks")).map((file) => ({ name: basename(file), text: readFileSync(file, "utf8") }));
}

/** The solutions with every test's references written in (recorded by running them, as assign does). */
async function instructorNotebooks() {
  const { instructorNotebook } = require(join(root, "dist/grader/site/instructor-notebook.js"));
  const { serializeNotebook } = require(join(root, "dist/grader/notebook/index.js"));
  const { libraryEntry } = require(join(root, "dist/kernel/paths.js"));
  const out = [];
  for (const file of notebookFiles(join(root, "solutions"))) {
    out.push({ name: basename(file), text: serializeNotebook(await instructorNotebook(file, libraryEntry)) });
  }
  return out;
}

/**
 * The two sites: what a student gets, and the instructor's copy with the solutions; `inputs` are
 * the folders their notebooks are made from (a site is rewritten only when those or the app change).
 */
export const targets = {
  student: { out: join(root, "site"), notebooks: studentNotebooks, inputs: ["notebooks"] },
  instructor: { out: join(root, "site-instructor"), notebooks: instructorNotebooks, inputs: ["solutions", "dist"] },
};

const hashOf = (data) => createHash("sha256").update(data).digest("hex").slice(0, 8);

/** A hash of every file under `dirs` (relative to the package root), with their paths. */
function inputsHash(dirs) {
  const hash = createHash("sha256");
  const walk = (dir) => {
    if (!statSync(dir).isDirectory()) return void hash.update(relative(root, dir)).update(readFileSync(dir));
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(relative(root, full)).update(readFileSync(full));
    }
  };
  for (const dir of dirs) walk(join(root, dir));
  return hash.digest("hex");
}

// Everything the compiled app depends on; the notebooks are copied per site, not compiled.
const appInputsHash = () => inputsHash(["lite", "kernel", "dist/src", "dist/kernel", "package-lock.json"]);

function compile(configs) {
  return new Promise((resolve, reject) => {
    rspack(configs).run((err, stats) => {
      if (err) return reject(err);
      if (stats.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true, colors: false })));
      resolve(stats.toJson({ all: false, entrypoints: true, warnings: true }));
    });
  });
}

const entryFile = (json, name) => (json.children ?? [json]).flatMap((c) => c.entrypoints?.[name]?.assets ?? [])[0].name;

/** Compiles the app and the worker into the cache (unless it is up to date); returns the app bundle's name. */
export async function buildApp({ mode = "production", log = console.log } = {}) {
  if (!existsSync(join(root, "dist", "src", "index.js"))) throw new Error("The library is not built: run `npm run build` first.");
  const stamp = appInputsHash();
  const stampFile = join(cacheDir, "stamp.json");
  const cached = existsSync(stampFile) ? JSON.parse(readFileSync(stampFile, "utf8")) : null;
  if (cached?.stamp === stamp && cached.mode === mode) return cached;
  const started = Date.now();
  const buildDir = join(cacheDir, "build");
  rmSync(cacheDir, { recursive: true, force: true });
  mkdirSync(buildDir, { recursive: true });

  const files = JSON.stringify(collectFileImage(root));
  const assets = { files: `gradlab-files.${hashOf(files)}.json`, binaries: {} };
  writeFileSync(join(buildDir, assets.files), files);
  for (const wasm of ["kernels.wasm", "kernels-fma.wasm"]) {
    const source = join(root, "dist", "src", "kernels", wasm);
    const name = `${wasm.replace(".wasm", "")}.${hashOf(readFileSync(source))}.wasm`;
    copyFileSync(source, join(buildDir, name));
    assets.binaries[`dist/src/kernels/${wasm}`] = name;
  }
  const versions = {
    GRADLAB_VERSION: JSON.stringify(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version),
    TYPESCRIPT_VERSION: JSON.stringify(require("@tslab/typescript-for-tslab/package.json").version),
  };
  const worker = await compile(workerConfig({ root, out: buildDir, mode, defines: versions }));
  assets.worker = entryFile(worker, "gradlab-worker");
  const generatedDir = join(cacheDir, "generated");
  const themes = writeAppSources({ root, generatedDir, buildDir, mode });
  const defines = { ...versions, GRADLAB_ASSETS: JSON.stringify(assets) };
  const app = await compile([appConfig({ root, out: buildDir, mode, generated: join(generatedDir, "extensions.js"), defines }), ...themes]);
  compileSchemas(join(buildDir, "schemas"));
  precompress(buildDir);
  const result = { stamp, mode, bundle: `build/${entryFile(app, "lab")}` };
  writeFileSync(stampFile, JSON.stringify(result));
  log(`compiled the app and the kernel worker in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

/** Writes one site (the compiled app, its notebooks, the configuration and the pages) unless it is up to date. */
export async function writeSite({ out, notebooks, inputs }, { bundle, stamp: appStamp }) {
  const stamp = `${appStamp} ${inputsHash(inputs)}`;
  const stampFile = join(out, ".gradlab-site-stamp");
  if (existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp) return;
  const contents = await notebooks();
  rmSync(out, { recursive: true, force: true });
  cpSync(join(cacheDir, "build"), join(out, "build"), { recursive: true });
  writeContents(out, contents);
  const version = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version;
  const jupyterlabVersion = require("@jupyterlab/application/package.json").version;
  writeLiteConfig(out, { appName: TITLE, version, jupyterlabVersion });
  writeTranslations(out);
  writePages(out, { title: TITLE, bundle });
  writeFileSync(stampFile, stamp);
}

/** Builds the named sites ("student", "instructor"), compiling the app once. */
export async function buildSites(names, options = {}) {
  const app = await buildApp(options);
  for (const name of names) await writeSite(targets[name], app);
  return app;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const name = process.argv.includes("--instructor") ? "instructor" : "student";
  const mode = process.argv.includes("--dev") ? "development" : "production";
  buildSites([name], { mode }).then(
    () => console.log(`wrote ${relative(process.cwd(), targets[name].out) || "."}/ — serve it with: npx gradlab site serve${name === "instructor" ? " --dir site-instructor" : ""}`),
    (err) => {
      console.error(`npm run site: ${err.message}`);
      process.exit(1);
    },
  );
}
