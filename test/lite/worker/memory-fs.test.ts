import { describe, expect, it } from "vitest";
import { MemoryFs, mount, normalise } from "../../../lite/worker/memory-fs";
import { existsSync, readFileSync } from "../../../lite/worker/node-fs";

// The worker's file image, as TypeScript and the library's node:fs calls see it.

const image = () =>
  new MemoryFs({
    "dist/src/index.d.ts": "export declare const x: number;",
    "dist/src/kernels/kernels.wasm": new Uint8Array([0, 97, 115, 109]),
    "node_modules/@types/node/index.d.ts": "declare var process: any;",
  });

describe("MemoryFs", () => {
  it("normalises paths against the package root", () => {
    expect(normalise("dist/src/../src/./index.d.ts")).toBe("/dist/src/index.d.ts");
    expect(normalise("/a//b/")).toBe("/a/b");
    expect(normalise("../../x")).toBe("/x");
  });

  it("knows files and the folders above them, and lists a folder's entries", () => {
    const fs = image();
    expect(fs.isFile("/dist/src/index.d.ts")).toBe(true);
    expect(fs.isDirectory("/dist/src")).toBe(true);
    expect(fs.isDirectory("/dist/src/index.d.ts")).toBe(false);
    expect(fs.isFile("/dist/src")).toBe(false);
    expect(fs.isDirectory("/dist/sr")).toBe(false);
    expect(fs.entries("/dist/src")).toEqual({ files: ["index.d.ts"], directories: ["kernels"] });
    expect(fs.entries("/")).toEqual({ files: [], directories: ["dist", "node_modules"] });
  });
});

describe("node:fs in the worker", () => {
  it("reads bytes, or text when an encoding is given, from the mounted image", () => {
    mount(image());
    expect(readFileSync("dist/src/kernels/kernels.wasm")).toEqual(new Uint8Array([0, 97, 115, 109]));
    expect(readFileSync("/dist/src/index.d.ts", "utf8")).toBe("export declare const x: number;");
    expect(readFileSync("/dist/src/index.d.ts", { encoding: "utf8" })).toBe("export declare const x: number;");
    expect(readFileSync("dist/src/index.d.ts")).toEqual(new TextEncoder().encode("export declare const x: number;"));
    expect(existsSync("dist/src/kernels")).toBe(true);
    expect(existsSync("dist/src/missing.js")).toBe(false);
  });

  it("fails like Node for a missing file", () => {
    mount(image());
    expect(() => readFileSync("/nope.txt")).toThrow(expect.objectContaining({ code: "ENOENT", message: "ENOENT: no such file or directory, open '/nope.txt'" }));
  });
});
