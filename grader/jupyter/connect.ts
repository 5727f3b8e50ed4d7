import type { Kernel } from "@jupyterlab/services";
import type { JupyterTarget } from "./jupyter-runner";

// Server settings for Node: @jupyterlab/services needs a WebSocket implementation (ws) and uses
// Node's own fetch; the token goes in the Authorization header and the websocket URL.

/** A kernel manager for the server at `target`; dispose it when done. */
export function kernelManager(target: JupyterTarget): Kernel.IManager {
  const services = require("@jupyterlab/services") as typeof import("@jupyterlab/services");
  const settings = services.ServerConnection.makeSettings({
    baseUrl: target.url,
    token: target.token,
    WebSocket: require("ws") as typeof WebSocket,
    fetch: globalThis.fetch,
    Request: globalThis.Request,
    Headers: globalThis.Headers,
  });
  return new services.KernelManager({ serverSettings: settings });
}

// A submission that breaks its kernel's message encoding (it runs in the kernel's process, e.g. by
// patching JSON) or kills its kernel makes @jupyterlab/services throw from websocket callbacks,
// where nothing can catch it. Those errors are dropped: the cell then times out or counts as
// crashed, and is skipped. Errors from anywhere else still end the process.
const fromServices = /@jupyterlab[\\/]services|Kernel message validation error|Kernel connection disconnected/;
const dropInvalid = (err: Error): void => {
  if (!fromServices.test(`${err.message}\n${err.stack ?? ""}`)) throw err;
};

/** Keep the grader alive through malformed kernel messages while `run` is in progress. */
export async function tolerateMalformedMessages<T>(run: () => Promise<T>): Promise<T> {
  process.on("uncaughtException", dropInvalid);
  process.on("unhandledRejection", dropInvalid);
  try {
    return await run();
  } finally {
    process.off("uncaughtException", dropInvalid);
    process.off("unhandledRejection", dropInvalid);
  }
}
