import { CellCompiler, type CellCompilerOptions, type Compiled } from "./compiler";

// A batch's compilers as one: each compile goes to the compiler with the fewest compiles pending.
// A compile carries the declarations it follows, so any compiler gives the same conversion; binding
// each runner to one compiler instead let two jobs queue on one thread while the other sat idle.

/** What a runner needs of the compiler that compiles its cells (RunnerOptions.compiler). */
export type ParentCompiler = Pick<CellCompiler, "options" | "libraryEntry" | "prelude" | "started" | "compile">;

/** `count` warm compilers with one set of options (the later ones share the first one's prelude); close() it when done. */
export class CompilerGroup implements ParentCompiler {
  readonly compilers: CellCompiler[];

  constructor(readonly options: CellCompilerOptions, count: number) {
    const first = new CellCompiler(options);
    this.compilers = [first, ...Array.from({ length: count - 1 }, () => new CellCompiler({ ...options, sharePreludeOf: first }))];
  }

  get libraryEntry(): string {
    return this.compilers[0]!.libraryEntry;
  }

  prelude(): ReturnType<CellCompiler["prelude"]> {
    return this.compilers[0]!.prelude();
  }

  async started(): Promise<void> {
    await Promise.all(this.compilers.map((c) => c.started()));
  }

  compile(prevDecl: string, src: string, timeoutMs: number): Promise<Compiled> {
    const idlest = this.compilers.reduce((best, c) => (c.pending < best.pending ? c : best));
    return idlest.compile(prevDecl, src, timeoutMs);
  }

  async close(): Promise<void> {
    await Promise.all(this.compilers.map((c) => c.close()));
  }
}
