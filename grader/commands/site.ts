import type { Command } from "commander";
import { siteMsg } from "../site/messages";
import { serveSite } from "../site/serve";

const DEFAULT_PORT = 8000;

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new Error(siteMsg.badPort(value));
  return port;
}

/** `gradlab site serve [--port N] [--dir DIR]`: the JupyterLite course site built by `npm run site`. */
export function registerSite(program: Command): void {
  const site = program.command("site").description("the course as a JupyterLite site (the kernel runs in the browser)");
  site
    .command("serve")
    .description("serve the built site on 127.0.0.1 with cross-origin isolation (COOP/COEP)")
    .option("--port <n>", `port to listen on (0 picks a free one)`, parsePort, DEFAULT_PORT)
    .option("--dir <dir>", "the built site", "site")
    .action(async (options: { port: number; dir: string }) => {
      const server = await serveSite(options.dir, options.port);
      console.log(siteMsg.serving(options.dir, server.url));
      process.once("SIGINT", () => void server.close().then(() => process.exit(0)));
    });
}
