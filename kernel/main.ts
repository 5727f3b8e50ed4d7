#!/usr/bin/env node
import { installCompilerOptions } from "./compiler-options";
import { libraryEntry } from "./paths";
import { createSession, type Session } from "./session";

// The gradlab Jupyter kernel: tslab's converter → executor → handler → server, with the library
// preloaded. Started by Jupyter as `node main.js --config-path FILE`. The sockets open first and
// answer kernel_info at once; the ~1 s of compiler start-up runs right after, and cells wait for it.

const START_ANYWAY_MS = 300;

async function main(argv: string[]): Promise<void> {
  const flag = argv.indexOf("--config-path");
  const configPath = flag >= 0 ? argv[flag + 1] : argv[0];
  if (!configPath) {
    throw new Error("Usage: node dist/kernel/main.js --config-path CONNECTION_FILE (Jupyter passes {connection_file}).");
  }
  // tslab's modules capture TypeScript when first required: patch it before loading them.
  installCompilerOptions(libraryEntry);
  const { GradlabHandler } = require("./handler") as typeof import("./handler");
  const { GradlabServer } = require("./server") as typeof import("./server");

  let begin: () => void = () => {};
  const contact = new Promise<void>((resolve) => (begin = () => setImmediate(resolve)));
  const session = contact.then(() => createSession());
  let live: Session | null = null;
  session.then((s) => (live = s)).catch((err: Error) => console.error(err.message));
  process.on("SIGINT", () => live?.interrupt());
  // A stray rejection or exception in a student's callback must not take the kernel down.
  process.on("uncaughtException", (err) => console.error("Uncaught exception:", err));
  process.on("unhandledRejection", (reason) => console.error("Unhandled promise rejection:", reason));

  await new GradlabServer(new GradlabHandler(session), configPath, begin).init();
  setTimeout(begin, START_ANYWAY_MS);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
