import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { CellConversion } from "../../../kernel/cells/types";
import { keepPrelude, readPrelude } from "../../../grader/runner/prelude-cache";

// The prelude's conversion kept between batches: found again for the same library, never for a
// library whose files changed, and never when what is kept is not a usable prelude.

const work = fs.mkdtempSync(path.join(os.tmpdir(), "gradlab-prelude-cache-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const library = path.join(work, "lib");
fs.mkdirSync(path.join(library, "nn"), { recursive: true });
fs.writeFileSync(path.join(library, "index.js"), "exports.tensor = () => 1;\n");
fs.writeFileSync(path.join(library, "index.d.ts"), "export declare const tensor: () => number;\n");
fs.writeFileSync(path.join(library, "nn", "layers.d.ts"), "export declare class Linear {}\n");
const entry = path.join(library, "index.js");
const prelude: CellConversion = { diagnostics: [], declarations: 'import { tensor } from "lib";\n', program: { js: "exports.tensor = 1;", mode: "sync", declared: ["tensor"], lines: [] } as never };

describe("the kept prelude", () => {
  it("is found again for the same library", () => {
    const folder = path.join(work, "same");
    expect(readPrelude(folder, entry)).toBeNull();
    keepPrelude(folder, entry, prelude);
    expect(readPrelude(folder, entry)).toEqual(prelude);
  });

  it("is not found once a file of the library changed, declarations included", () => {
    const folder = path.join(work, "changed");
    keepPrelude(folder, entry, prelude);
    fs.appendFileSync(path.join(library, "nn", "layers.d.ts"), "export declare class Conv {}\n");
    expect(readPrelude(folder, entry)).toBeNull();
  });

  it("is not kept or used when it has diagnostics or is not a conversion", () => {
    const folder = path.join(work, "bad");
    keepPrelude(folder, entry, { ...prelude, diagnostics: [{ start: 0, length: 1, message: "no", category: 1, code: 1 }] as never });
    expect(fs.existsSync(folder) ? fs.readdirSync(folder) : []).toEqual([]);
    keepPrelude(folder, entry, prelude);
    const [file] = fs.readdirSync(folder);
    for (const text of ["{", "null", JSON.stringify({ ...prelude, program: null }), JSON.stringify({ ...prelude, declarations: 1 })]) {
      fs.writeFileSync(path.join(folder, file!), text);
      expect(readPrelude(folder, entry)).toBeNull();
    }
  });
});
