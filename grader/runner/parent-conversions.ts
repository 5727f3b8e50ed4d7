import type { CellConversion } from "../../kernel/cells/types";
import { type CompileBackend, threadBackend } from "../../kernel/session";

// Where a parent-compile child's cells come from: the conversion the parent made for exactly this
// source, so the child only runs JavaScript. Anything the parent did not convert (a `@module`
// cell, local modules, a compile that failed in the parent) is compiled here by a compiler built
// on first need.

/** A compile backend that replays the parent's conversions and falls back to compiling itself. */
export class ParentConversions {
  private pending: { src: string; conversion: CellConversion } | null = null;
  private own: CompileBackend | null = null;

  constructor(
    private readonly libraryEntry: string,
    private readonly preludeConversion: CellConversion | null,
  ) {}

  /** The next convert() of exactly `src` returns `conversion` (null: compile it here). */
  expect(src: string, conversion: CellConversion | null): void {
    this.pending = conversion ? { src, conversion } : null;
  }

  /** The backend a session compiles through. */
  backend(): CompileBackend {
    return {
      prelude: async () => this.preludeConversion ?? this.real().prelude(),
      convert: async (declarations, src) => {
        const pending = this.pending;
        this.pending = null;
        return pending && pending.src === src ? pending.conversion : this.real().convert(declarations, src);
      },
      complete: (d, s, p) => this.real().complete(d, s, p),
      inspect: (d, s, p) => this.real().inspect(d, s, p),
      isComplete: (s) => this.real().isComplete(s),
      close: () => this.own?.close(),
    };
  }

  private real(): CompileBackend {
    this.own ??= threadBackend(this.libraryEntry);
    return this.own;
  }
}
