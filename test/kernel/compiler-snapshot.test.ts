import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as ClientModule from "../../kernel/compiler-client";
import type * as SnapshotModule from "../../kernel/compiler-snapshot-file";
import type * as StandInModule from "../../kernel/stand-in-folder";
import { fromDist, miniLib } from "./dist";

// The kernel's compiler restored from its startup snapshot: built from the compiled kernel,
// restored in a notebook's folder it never saw, it must compile exactly as a compiler thread
// started in that folder does; and a snapshot that cannot be restored must cost nothing but time.

const { CompilerWorker, threadChannel } = fromDist<typeof ClientModule>("kernel/compiler-client");
const { buildSnapshot, freshSnapshot, isFresh, snapshotChannel, sourcesOf } = fromDist<typeof SnapshotModule>("kernel/compiler-snapshot-file");
const { realPath, STAND_IN } = fromDist<typeof StandInModule>("kernel/stand-in-folder");

const work = mkdtempSync(path.join(tmpdir(), "gradlab-snapshot-test-"));
// A notebook folder two levels below a project whose node_modules holds a package.
const project = path.join(work, "project");
const notebooks = path.join(project, "course", "week1");
const threadData = (root: string | null): ClientModule.CompilerWorkerData => ({ libraryEntry: miniLib, root, readable: null, delegateLocal: false, warmUp: "none", parentPid: null });
let restored: ClientModule.CompilerWorker;
let thread: ClientModule.CompilerWorker;

beforeAll(async () => {
  mkdirSync(notebooks, { recursive: true });
  const pkg = path.join(project, "node_modules", "tinypkg");
  mkdirSync(pkg, { recursive: true });
  writeFileSync(path.join(pkg, "package.json"), JSON.stringify({ name: "tinypkg", version: "1.0.0", main: "index.js", types: "index.d.ts" }));
  writeFileSync(path.join(pkg, "index.js"), "exports.triple = (x) => 3 * x;\n");
  writeFileSync(path.join(pkg, "index.d.ts"), "export declare function triple(x: number): number;\n");
  writeFileSync(path.join(notebooks, "helper.ts"), "export const half = (x: number): number => x / 2;\n");
  expect(buildSnapshot(miniLib)).toBeNull();
  const blob = freshSnapshot(miniLib);
  expect(blob).not.toBeNull();
  restored = new CompilerWorker(snapshotChannel(blob!, notebooks));
  thread = new CompilerWorker(threadChannel(threadData(notebooks)));
});

afterAll(async () => {
  await Promise.all([restored?.close(), thread?.close()]);
  rmSync(work, { recursive: true, force: true });
});

describe("the compiler restored from its startup snapshot", () => {
  it("has the prelude a compiler thread compiles", async () => {
    expect(await restored.ready).toEqual(await thread.ready);
  });

  it("compiles in the notebook's folder: its files, packages above it, and the same diagnostics", async () => {
    const cells = [
      'import { half } from "./helper"; half(9)',
      'import { triple } from "tinypkg"; triple(5)',
      'import { nope } from "./missing"; nope',
      "const s: string = 1",
    ];
    const converted = [];
    for (const cell of cells) converted.push(await restored.convert("", cell));
    for (const [i, cell] of cells.entries()) expect(converted[i]).toEqual(await thread.convert("", cell));
    // The local module is emitted once, with its path in the notebook's folder.
    const [local] = converted;
    expect("conversion" in local && local.conversion.modules?.map((m) => m.path)).toEqual([path.join(notebooks, "helper.js")]);
    expect(converted.map((c) => ("conversion" in c ? c.conversion.diagnostics.length : -1))).toEqual([0, 0, 1, 1]);
  });

  it("maps the stand-in folder's chain onto the real folder's", () => {
    expect(realPath(`${STAND_IN}/helper.ts`, "/home/ada/course")).toBe("/home/ada/course/helper.ts");
    expect(realPath(`${path.dirname(STAND_IN)}/node_modules/x`, "/home/ada/course")).toBe("/home/ada/node_modules/x");
    expect(realPath(`${path.dirname(path.dirname(path.dirname(STAND_IN)))}/node_modules/x`, "/home/ada/course")).toBe("/node_modules/x");
    expect(realPath("/usr/lib/node_modules/typescript/lib/lib.d.ts", "/home/ada")).toBe("/usr/lib/node_modules/typescript/lib/lib.d.ts");
  });

  it("falls back to a compiler thread when the snapshot cannot be restored", async () => {
    const broken = path.join(work, "broken.blob");
    writeFileSync(broken, "not a V8 snapshot");
    const compiler = new CompilerWorker(snapshotChannel(broken, notebooks), () => threadChannel(threadData(notebooks)));
    try {
      const pending = compiler.convert("", "const n: number = 2");
      expect((await compiler.ready).diagnostics).toEqual([]);
      expect(await pending).toEqual(await thread.convert("", "const n: number = 2"));
    } finally {
      await compiler.close();
    }
  });

  it("is stale once a file it was built from changes", () => {
    const source = path.join(work, "source.d.ts");
    writeFileSync(source, "declare const x: number;\n");
    const built = sourcesOf([source]);
    expect(isFresh(built)).toBe(true);
    utimesSync(source, new Date(), new Date(Date.now() + 5000));
    expect(isFresh(built)).toBe(false);
    rmSync(source);
    expect(isFresh(built)).toBe(false);
  });
});
