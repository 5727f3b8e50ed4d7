import type * as TS from "typescript";
import { realTypescript } from "./typescript-fixes";

// The worker's TypeScript, unwrapped (the loop instrumentation parses compiled cells with it).

/** TypeScript 5.0 as bundled in this worker. */
export function typescriptModule(): typeof TS {
  return realTypescript;
}
