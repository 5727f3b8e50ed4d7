#!/usr/bin/env node
import { Command } from "commander";
import { packageVersion } from "../kernel/paths";
import { commands } from "./commands/index";

// The `gradlab` command line: each subcommand registers itself from its own file in commands/.

const program = new Command("gradlab")
  .description("gradlab: run, check and grade TypeScript notebooks; manage the Jupyter kernel")
  .version(packageVersion)
  .showHelpAfterError();
for (const register of commands) register(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(`gradlab: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(2);
});
