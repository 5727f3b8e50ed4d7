import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import * as http from "node:http";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveSite, type SiteServer } from "../../grader/site/serve";
import { root } from "../kernel/dist";

// `gradlab site serve`: the built site over HTTP on 127.0.0.1, cross-origin isolated.

function fakeSite(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "gradlab-site-"));
  mkdirSync(path.join(dir, "lab"));
  mkdirSync(path.join(dir, "build"));
  writeFileSync(path.join(dir, "lab", "index.html"), "<!doctype html><title>course</title>");
  const bundle = "console.log('the app');".repeat(100);
  writeFileSync(path.join(dir, "build", "lab.0123abcd.js"), bundle);
  writeFileSync(path.join(dir, "build", "lab.0123abcd.js.gz"), gzipSync(bundle));
  return dir;
}

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on("error", reject);
  });
}

describe("gradlab site serve", () => {
  let server: SiteServer;
  const dir = fakeSite();
  beforeAll(async () => {
    server = await serveSite(dir, 0);
  });
  afterAll(() => server.close());

  it("listens on 127.0.0.1 and makes every page cross-origin isolated", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await get(`${server.url}lab/`);
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain("<title>course</title>");
    expect(page.headers["cross-origin-opener-policy"]).toBe("same-origin");
    expect(page.headers["cross-origin-embedder-policy"]).toBe("require-corp");
    expect(page.headers["cache-control"]).toBe("no-cache");
    const missing = await get(`${server.url}nothing-here.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers["cross-origin-embedder-policy"]).toBe("require-corp");
  });

  it("sends the precompressed copy of a content-hashed file, cached for good", async () => {
    const plain = await get(`${server.url}build/lab.0123abcd.js`);
    const gzipped = await get(`${server.url}build/lab.0123abcd.js`, { "Accept-Encoding": "gzip" });
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(gzipped.body.length).toBeLessThan(plain.body.length / 10);
    expect(plain.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
  });

  it("refuses a folder without a built site, and a port already taken, saying what to do", async () => {
    await expect(serveSite(tmpdir(), 0)).rejects.toThrow(/no built site.*npm run site/);
    const port = Number(new URL(server.url).port);
    await expect(serveSite(dir, port)).rejects.toThrow(`Port ${port} is already in use on 127.0.0.1; pick another with --port N.`);
  });

  it("rejects a port that is not a number", () => {
    const cli = spawnSync(process.execPath, [path.join(root, "dist/grader/cli.js"), "site", "serve", "--port", "80a"], { encoding: "utf8" });
    expect(cli.status).not.toBe(0);
    expect(cli.stderr).toContain('--port must be a whole number from 0 to 65535, not "80a".');
  });
});
