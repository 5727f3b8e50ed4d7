import type * as TS from "typescript";
import type { CompilerMessage, CompilerRequest, Converted } from "./compiler-client";
import { cellKind, isComplete, type TslabCompiler } from "./tslab";
import type { CellConversion } from "./cells/types";

// What a compiler answers, wherever it runs: the compiler thread (compiler-worker.ts) and the
// compiler process restored from a startup snapshot (compiler-snapshot.ts) serve requests here.

/** Blocks that declare nothing, compiled so V8 has optimised TypeScript's checker for typical cells. */
export const WARM_UP_CELLS = [
  "{ const w = tensor([[1, 2], [3, 4]], { requiresGrad: true }); w.matmul(w).mul(2).sum().backward(); }",
  "{ const xs: number[] = []; for (let i = 0; i < 3; i++) xs.push(i * 2); console.log(xs.length); }",
  "{ const m = new nn.Linear(2, 1); const o = new optim.SGD(m.parameters(), { lr: 0.1 }); o.zeroGrad(); }",
];

/** How requests reach a compiler and its answers go back. */
export interface CompilerPort {
  post(message: CompilerMessage): void;
  onRequest(handle: (request: CompilerRequest) => void): void;
}

/** A built compiler with its prelude compiled, ready to serve. */
export interface ServedCompiler {
  ts: typeof TS;
  compiler: TslabCompiler;
  prelude: CellConversion;
  /** Cells the grader's children must compile themselves (module cells, local imports) are delegated. */
  delegateLocal: boolean;
}

/** Compile the warm-up cells now (a compiler about to be snapshotted, or one that must be warm when ready). */
export function warmUp({ compiler, prelude }: ServedCompiler, cells = WARM_UP_CELLS): void {
  for (const cell of cells) compiler.convert(prelude.declarations ?? "", cell);
}

/**
 * Report ready, then answer requests in order. `warmWhenIdle` are warm-up cells compiled one at a
 * time between requests (a request that arrives waits for one at most); `onWarm` runs after them.
 */
export function serveCompiler(served: ServedCompiler, port: CompilerPort, warmWhenIdle: string[], onWarm: () => void = () => undefined): void {
  port.post({ type: "ready", prelude: served.prelude });
  port.onRequest((request) => port.post(answer(served, request)));
  const pending = [...warmWhenIdle];
  const idle = () => {
    const cell = pending.shift();
    if (cell === undefined) {
      onWarm();
      return port.post({ type: "warm" });
    }
    served.compiler.convert(served.prelude.declarations ?? "", cell);
    setImmediate(idle);
  };
  setImmediate(idle);
}

function answer(served: ServedCompiler, request: CompilerRequest): CompilerMessage {
  const { compiler } = served;
  try {
    if (request.op === "isComplete") return { type: "reply", id: request.id, value: isComplete(request.src) };
    const { declarations, src } = request;
    if (request.op === "convert") return { type: "reply", id: request.id, value: convert(served, declarations, src) };
    if (request.op === "inspect") return { type: "reply", id: request.id, value: compiler.inspect(declarations, src, request.position) };
    // TypeScript's own completion record stays here: it is large and only for debugging.
    const { original: _, ...completion } = compiler.complete(declarations, src, request.position);
    return { type: "reply", id: request.id, value: completion };
  } catch (err) {
    return { type: "reply", id: request.id, error: err instanceof Error ? err.message : String(err) };
  }
}

function convert({ ts, compiler, delegateLocal }: ServedCompiler, declarations: string, src: string): Converted {
  if (delegateLocal) {
    // The child keeps `@module` cells and local modules itself.
    if (cellKind(src) === "module") return { delegate: "module cell" };
    if (importsLocalFiles(ts, src)) return { delegate: "local modules" };
  }
  const conversion = compiler.convert(declarations, src);
  if (delegateLocal && conversion.modules?.length) return { delegate: "local modules" };
  return { conversion };
}

/** Files next to the notebook resolve from the child's folder, not the compiler's empty one. */
function importsLocalFiles(ts: typeof TS, src: string): boolean {
  const info = ts.preProcessFile(src, true, true);
  return info.referencedFiles.length > 0 || info.importedFiles.some((f) => /^\.\.?(\/|$)/.test(f.fileName));
}
