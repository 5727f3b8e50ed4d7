#!/usr/bin/env node
import { InterruptFlag } from "./cells/interrupt-flag";
import { GradlabHandler } from "./handler";
import { kernelMsg } from "./messages";
import { kernelLog } from "./output";
import { parentPid, watchParent } from "./parent-watch";
import { KernelServer } from "./server";
import { createSession, type Session } from "./session";
import { reportStrayErrors } from "./stray-errors";

// The gradlab Jupyter kernel, started by Jupyter as `node main.js --config-path FILE`: the
// compiler starts in a worker thread at once while the sockets open, so kernel_info, history,
// comm_info, is_complete and the rest are answered within milliseconds; cells wait for the session.

const START_ANYWAY_MS = 300;

async function main(argv: string[]): Promise<void> {
  const flag = argv.indexOf("--config-path");
  const configPath = flag >= 0 ? argv[flag + 1] : argv[0];
  if (!configPath) throw new Error(kernelMsg.usage);
  // The compiler thread starts now; loading the library (~0.1 s on this thread) waits until the
  // first request is answered, so that answer is not held up.
  let begin: () => void = () => {};
  const contact = new Promise<void>((resolve) => (begin = () => setImmediate(resolve)));
  setTimeout(begin, START_ANYWAY_MS).unref();
  const interrupts = new InterruptFlag();
  const session = createSession({ begin: contact, interrupts });
  session.catch((err: Error) => kernelLog(`${err.message}\n`));
  let started: Session | null = null;
  session.then((s) => (started = s)).catch(() => undefined);
  const handler = new GradlabHandler(session);
  // Clients interrupt through the control thread; a SIGINT (a kernelspec from before interrupt_mode
  // "message") still stops a cell that awaits.
  process.on("SIGINT", () => handler.interrupt());
  reportStrayErrors(() => started && ((thrown: unknown) => started!.describe(thrown)));
  const server = new KernelServer(handler, configPath, interrupts, begin);
  const client = parentPid();
  if (client !== null) {
    watchParent(client, () => {
      kernelLog(kernelMsg.parentGone(client));
      void server.close(1);
    });
  }
  await server.start();
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
