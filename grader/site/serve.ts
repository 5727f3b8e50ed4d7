import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import sirv from "sirv";
import { siteMsg } from "./messages";

// `gradlab site serve`: the built JupyterLite site over HTTP on 127.0.0.1 with the two headers
// that make the page cross-origin isolated (COOP same-origin + COEP require-corp): without them the
// browser gives no SharedArrayBuffer, and Interrupt cannot stop a running loop.

/** Headers every response carries. */
export const isolationHeaders = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

// Content-hashed files (name.0123abcd.ext) never change; everything else is revalidated.
const hashed = /\.[0-9a-f]{8}\.[a-z0-9]+$/;

/** A started server and the URL of its site. */
export interface SiteServer {
  url: string;
  close(): Promise<void>;
}

/** Serves `dir` on 127.0.0.1:`port` (0 picks a free port); `isolate: false` (for tests) leaves out COOP/COEP. */
export async function serveSite(dir: string, port: number, { isolate = true } = {}): Promise<SiteServer> {
  const root = path.resolve(dir);
  if (!fs.existsSync(path.join(root, "lab", "index.html"))) throw new Error(siteMsg.noSite(dir));
  const files = sirv(root, {
    dev: false,
    etag: true,
    gzip: true,
    brotli: true,
    setHeaders: (res, pathname) => res.setHeader("Cache-Control", hashed.test(pathname) ? "public, max-age=31536000, immutable" : "no-cache"),
  });
  const server = http.createServer((req, res) => {
    if (isolate) for (const [name, value] of Object.entries(isolationHeaders)) res.setHeader(name, value);
    files(req, res, () => {
      res.statusCode = 404;
      res.setHeader("Content-Type", "text/plain; charset=utf-8");
      res.end(siteMsg.notFound);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (err: NodeJS.ErrnoException) => reject(err.code === "EADDRINUSE" ? new Error(siteMsg.portInUse(port)) : err));
    server.listen(port, "127.0.0.1", resolve);
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
