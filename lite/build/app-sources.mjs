// The generated part of the app's source: the list of extension modules (static requires, so the
// bundler includes them) and their styles, from lite/app/extensions.json; and, through
// @jupyter/builder, the settings schemas and theme builds of those packages.
import { createRequire } from "node:module";
import { join } from "node:path";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";

const require = createRequire(import.meta.url);
const { Build } = require("@jupyter/builder");

/**
 * Writes `generatedDir/extensions.js` (and the style.js it loads), copies the schemas into
 * `buildDir/schemas`, and returns the rspack configurations that build the themes into `buildDir/themes`.
 */
export function writeAppSources({ root, generatedDir, buildDir, mode }) {
  const list = JSON.parse(readFileSync(join(root, "lite/app/extensions.json"), "utf8"));
  mkdirSync(generatedDir, { recursive: true });
  const themes = Build.ensureAssets({
    packageNames: [...list.extensions, ...list.mimeExtensions],
    output: generatedDir,
    schemaOutput: buildDir,
    themeOutput: buildDir,
  });
  const requires = (names) => names.map((name) => `  require(${JSON.stringify(name)}),`).join("\n");
  writeFileSync(
    join(generatedDir, "extensions.js"),
    `// Generated from lite/app/extensions.json by lite/build/app-sources.mjs.
require("./style.js");
exports.extensions = [
${requires(list.extensions)}
];
exports.mimeExtensions = [
${requires(list.mimeExtensions)}
];
exports.disabled = new Set(${JSON.stringify(list.disabled)});
`,
  );
  return themes.map((config) => ({ ...config, mode, name: `theme ${Object.values(config.entry)[0]}`, stats: "errors-warnings" }));
}
