import { existsSync } from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";

// The browser tests run against the built sites: build them once per run (the app build is cached
// by the hash of its inputs, so an unchanged checkout costs only the copy of the notebooks).

const root = path.resolve(__dirname, "..", "..");

export default async function buildSitesForTests(): Promise<void> {
  if (!existsSync(path.join(root, "dist", "src", "index.js"))) throw new Error("Run `npm run build` before the site tests.");
  const site = (await import(pathToFileURL(path.join(root, "lite", "build", "site.mjs")).href)) as {
    buildSites(names: string[], options?: { log?: (line: string) => void }): Promise<unknown>;
  };
  await site.buildSites(["student", "instructor"], { log: (line) => console.log(`site build: ${line}`) });
}
