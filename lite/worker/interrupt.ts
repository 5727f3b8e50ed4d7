import type * as ts from "typescript";

// Interrupting a cell inside a Web Worker. Node stops a running script on SIGINT; a worker busy
// in a loop receives no message at all. So every loop of a compiled cell starts by calling a
// check that reads one shared Int32 the page sets on Interrupt (a SharedArrayBuffer: the page
// must be cross-origin isolated). Once set, every check throws until the cell ends, so a
// `catch` inside the loop cannot swallow the interrupt. Lines never move: the inserted text
// has no line breaks, so errors still point at the student's line.

/** The global the inserted checks call. */
export const CHECK = "__gradlab_interrupt__";

/** The error an interrupted cell ends with (Node's vm raises the same code on SIGINT). */
export function interruptedError(): Error {
  return Object.assign(new Error("Script execution was interrupted"), { code: "ERR_SCRIPT_EXECUTION_INTERRUPTED" });
}

/** True for the error a loop check throws (what the session reports as KeyboardInterrupt). */
export function isInterruptedError(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "ERR_SCRIPT_EXECUTION_INTERRUPTED";
}

/** Installs the check over `flag` (or a check that never fires when there is no shared memory). */
export function installInterruptCheck(flag: Int32Array | null): void {
  const check = flag === null ? () => {} : () => {
    if (Atomics.load(flag, 0) !== 0) throw interruptedError();
  };
  Object.defineProperty(globalThis, CHECK, { value: check, configurable: false, writable: false });
}

/** `js` with a call of the interrupt check at the start of every loop body. */
export function instrumentLoops(typescript: typeof ts, js: string): string {
  const file = typescript.createSourceFile("cell.js", js, typescript.ScriptTarget.ES2022, false, typescript.ScriptKind.JS);
  const edits: Array<{ at: number; text: string }> = [];
  const call = `${CHECK}();`;
  const visit = (node: ts.Node): void => {
    if (typescript.isIterationStatement(node, false)) {
      const body = node.statement;
      if (typescript.isBlock(body)) edits.push({ at: body.getStart(file) + 1, text: call });
      else {
        edits.push({ at: body.getStart(file), text: `{${call}` });
        edits.push({ at: body.getEnd(), text: "}" });
      }
    }
    typescript.forEachChild(node, visit);
  };
  visit(file);
  edits.sort((a, b) => b.at - a.at);
  let out = js;
  for (const { at, text } of edits) out = out.slice(0, at) + text + out.slice(at);
  return out;
}
