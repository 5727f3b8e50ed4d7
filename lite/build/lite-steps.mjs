// The steps of `jupyter lite build` the course site needs, in Node: the notebooks under files/
// with a Jupyter Contents API index (api/contents/all.json) JupyterLite's drive lists them from,
// jupyter-lite.json (the page configuration a deployer may edit), the translation index, the
// settings schemas compiled into one file, and the HTML pages.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { gzipSync } from "node:zlib";

const json = (value) => `${JSON.stringify(value, null, 1)}\n`;

function write(file, text) {
  mkdirSync(join(file, ".."), { recursive: true });
  writeFileSync(file, text);
}

/** Writes the notebooks ({name, text}) into files/ and the Contents API listing of that folder. */
export function writeContents(out, notebooks) {
  const when = new Date().toISOString();
  const content = [];
  for (const { name, text } of notebooks) {
    write(join(out, "files", name), text);
    content.push({
      name, path: name, type: "notebook", writable: true, created: when, last_modified: when,
      size: Buffer.byteLength(text), mimetype: null, content: null, format: null, hash: null, hash_algorithm: null,
    });
  }
  const listing = { name: "", path: "", type: "directory", writable: true, created: when, last_modified: when, size: null, mimetype: null, format: "json", hash: null, hash_algorithm: null, content };
  write(join(out, "api", "contents", "all.json"), json(listing));
}

/** One file of JupyterLab settings schemas (what JupyterLite's settings service fetches). */
export function compileSchemas(schemasDir) {
  const all = [];
  for (const pkgDir of packageDirs(schemasDir)) {
    const version = JSON.parse(readFileSync(join(schemasDir, pkgDir, "package.json.orig"), "utf8")).version;
    for (const file of readdirSync(join(schemasDir, pkgDir)).filter((f) => f.endsWith(".json")).sort()) {
      const schema = JSON.parse(readFileSync(join(schemasDir, pkgDir, file), "utf8"));
      all.push({ id: `${pkgDir}:${basename(file, ".json")}`, raw: "{}", schema, settings: {}, version });
    }
  }
  writeFileSync(join(schemasDir, "all.json"), JSON.stringify(all));
  // The settings of federated (prebuilt) extensions: the course site has none.
  writeFileSync(join(schemasDir, "all_federated.json"), "[]");
}

function packageDirs(dir) {
  const found = [];
  for (const name of readdirSync(dir).sort()) {
    if (!statSync(join(dir, name)).isDirectory()) continue;
    if (name.startsWith("@")) for (const sub of readdirSync(join(dir, name)).sort()) found.push(`${name}/${sub}`);
    else found.push(name);
  }
  return found;
}

/** jupyter-lite.json: the page configuration. Relative `…Url`s are resolved against the site root by the page. */
export function writeLiteConfig(out, { appName, version, jupyterlabVersion }) {
  const config = {
    "jupyter-lite-schema-version": 0,
    "jupyter-config-data": {
      appName,
      appVersion: version,
      appUrl: "./lab",
      baseUrl: "./",
      fullStaticUrl: "./build",
      settingsUrl: "./build/schemas",
      themesUrl: "./build/themes",
      fullLabextensionsUrl: "./extensions",
      defaultKernelName: "gradlab",
      contentsAllJsonFile: "all.json",
      federated_extensions: [],
      disabledExtensions: [],
      mode: "multiple-document",
      settingsOverrides: {},
      versionInfo: { "@jupyterlab/application": { label: "JupyterLab", version: jupyterlabVersion } },
    },
  };
  write(join(out, "jupyter-lite.json"), json(config));
}

/** JupyterLite's translation API with English only (the interface's own strings). */
export function writeTranslations(out) {
  const english = { displayName: "English", nativeName: "English" };
  write(join(out, "api", "translations", "all.json"), json({ data: { en: english }, message: "" }));
  write(join(out, "api", "translations", "en.json"), json({ data: {}, message: "" }));
}

/** lab/index.html (loads jupyter-lite.json, then the app bundle) and index.html (sends visitors to lab/). */
export function writePages(out, { title, bundle }) {
  const loader = `(async () => {
  const root = new URL("..", location.href);
  const data = (await (await fetch(new URL("jupyter-lite.json", root))).json())["jupyter-config-data"];
  // themesUrl is joined with baseUrl by JupyterLab itself; the other URLs become absolute paths.
  for (const [key, value] of Object.entries(data)) {
    if (key.endsWith("Url") && key !== "themesUrl" && typeof value === "string" && value.startsWith("./")) data[key] = new URL(value, root).pathname;
  }
  document.getElementById("jupyter-config-data").textContent = JSON.stringify(data);
  const script = document.createElement("script");
  script.src = new URL(${JSON.stringify(bundle)}, root).href;
  document.head.appendChild(script);
})();`;
  write(join(out, "lab", "index.html"), `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="preload" href="../${bundle}" as="script">
<script id="jupyter-config-data" type="application/json">{}</script>
<script>${loader}</script>
</head>
<body class="jp-ThemedContainer"></body>
</html>
`);
  write(join(out, "index.html"), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<script>location.replace("lab/index.html" + location.search + location.hash);</script>
</head><body><a href="lab/index.html">${title}</a></body></html>
`);
}

const compressible = /\.(js|json|css|html|svg|wasm|ipynb|txt|map)$/;

/** Writes file.gz beside every compressible file over 1 KiB (`gradlab site serve` sends those). */
export function precompress(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = join(dir, entry.name);
    if (entry.isDirectory()) precompress(file);
    else if (compressible.test(entry.name) && statSync(file).size > 1024) writeFileSync(`${file}.gz`, gzipSync(readFileSync(file), { level: 9 }));
  }
}
