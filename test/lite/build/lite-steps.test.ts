import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs build script without declarations
import { writePages } from "../../../lite/build/lite-steps.mjs";

// lab/index.html starts the kernel's worker before anything else: TypeScript's start-up is the
// longest part of the page's, so it must not wait for the configuration and the app bundle.

describe("writePages", () => {
  it("starts the kernel's worker before fetching jupyter-lite.json and loading the app bundle", () => {
    const out = mkdtempSync(path.join(tmpdir(), "gradlab-pages-"));
    writePages(out, { title: "course", bundle: "build/lab.0123abcd.js", worker: "build/gradlab-worker.89abcdef.js" });
    const html = readFileSync(path.join(out, "lab", "index.html"), "utf8");
    const worker = html.indexOf(`window.gradlabWorker = new Worker(new URL("build/gradlab-worker.89abcdef.js", root));`);
    expect(worker).toBeGreaterThan(0);
    expect(worker).toBeLessThan(html.indexOf(`fetch(new URL("jupyter-lite.json", root))`));
    expect(worker).toBeLessThan(html.indexOf(`new URL("build/lab.0123abcd.js", root)`));
  });
});
