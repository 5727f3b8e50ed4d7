import { SHARED_LOOP_CHECK } from "../../kernel/cells/prepare";
import { type TslabCompiler, tslabCompiler } from "../../kernel/tslab-compiler";
import { converterFixes, realTypescript } from "./typescript-fixes";

// The cell compiler in the worker: tslab's converter (bundled) over the in-memory ts.System, with
// the same compile step as the Node kernel (kernel/tslab-compiler.ts). Its loops check the page's
// shared flag: nothing else can reach a busy worker.

/** Builds tslab's converter; TypeScript's sys must be the file image's by then. */
export function createWorkerCompiler(): TslabCompiler {
  const { createConverter } = require("tslab/dist/converter") as typeof import("tslab/dist/converter");
  const { getCodeMetadata } = require("tslab/dist/metadata") as typeof import("tslab/dist/metadata");
  const { printQuickInfo } = require("tslab/dist/inspect") as typeof import("tslab/dist/inspect");
  const converter = createConverter({ isJS: false, isBrowser: false });
  return tslabCompiler({ ts: realTypescript(), fixes: converterFixes(), converter, getCodeMetadata, printQuickInfo, loopCheck: SHARED_LOOP_CHECK });
}
