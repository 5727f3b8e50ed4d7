import type { CompletionInfo, Converter, ConvertResult, Diagnostic } from "tslab/dist/converter";

// The converter tslab's executor gets in a parent-compile child: convert() hands back the
// conversion the parent made for exactly this source, so running, diagnostics and declaration
// bookkeeping stay tslab's own. Anything the parent did not convert (a `@module` cell, a cell
// whose compile failed in the parent) is compiled here by a real converter built on first need.

/** A tslab Converter that replays the parent's conversions and falls back to compiling itself. */
export class ParentConversions implements Converter {
  private pending: { src: string; result: ConvertResult } | null = null;
  private own: Converter | null = null;
  private seenDecl = "";

  /** The next convert() of exactly `src` returns `result` (null: compile it here). */
  expect(src: string, result: ConvertResult | null): void {
    this.pending = result ? { src, result } : null;
  }

  convert(prevDecl: string, src: string): ConvertResult {
    const pending = this.pending;
    this.pending = null;
    if (pending && pending.src === src) return pending.result;
    return this.real().convert(prevDecl, src);
  }

  /** Records the executor's declarations: tslab passes them to inspect(), see declarations(). */
  inspect(prevDecl: string): ReturnType<Converter["inspect"]> {
    this.seenDecl = prevDecl;
    return undefined as unknown as ReturnType<Converter["inspect"]>;
  }

  complete(prevDecl: string, src: string, position: number): CompletionInfo {
    return this.real().complete(prevDecl, src, position);
  }

  addModule(name: string, content: string, meta?: Parameters<Converter["addModule"]>[2]): Diagnostic[] {
    return this.real().addModule(name, content, meta);
  }

  close(): void {
    this.own?.close();
  }

  /** The declarations tslab's executor now holds, read through its inspect() (no other accessor). */
  declarations(inspect: (code: string, cursor: number) => unknown): string {
    inspect("", 0);
    return this.seenDecl;
  }

  private real(): Converter {
    if (!this.own) {
      const { createConverter } = require("tslab/dist/converter") as typeof import("tslab/dist/converter");
      this.own = createConverter({ isJS: false, isBrowser: false });
    }
    return this.own;
  }
}
