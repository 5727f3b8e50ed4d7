import type * as TS from "typescript";

// The program tslab's converter compiles a cell with (see converter-fixes.ts), in place of the
// builder TypeScript's watch API would make.

/**
 * The program tslab's watch rebuilds for every cell, without the incremental builder TypeScript
 * wraps it in by default: that builder maps the references of every file in the program (lib and
 * @types/node, ~100 files) on each rebuild to learn which files need checking and emitting again,
 * which tslab never asks (it checks and emits the cell's own files by name). Without it a tensor
 * cell compiles in 67–79 ms instead of 99–115 (median of 20, CPU time), the prelude in 0.84–1.0 s
 * instead of 1.14–1.17.
 */
export function plainBuilder(ts: typeof TS) {
  return (rootNames: readonly string[] | undefined, options: TS.CompilerOptions | undefined, host?: TS.CompilerHost, old?: TS.BuilderProgram, configDiagnostics?: readonly TS.Diagnostic[], references?: readonly TS.ProjectReference[]): TS.BuilderProgram => {
    let program: TS.Program | undefined = ts.createProgram({ rootNames: rootNames ?? [], options: options ?? {}, host, oldProgram: (old as { getProgramOrUndefined?(): TS.Program | undefined } | undefined)?.getProgramOrUndefined?.(), configFileParsingDiagnostics: configDiagnostics, projectReferences: references });
    bindRoots(ts, program);
    const live = (): TS.Program => {
      if (!program) throw new Error("tslab's program was released");
      return program;
    };
    const builder = {
      getProgram: live,
      getProgramOrUndefined: () => program,
      releaseProgram: () => (program = undefined),
      getCompilerOptions: () => live().getCompilerOptions(),
      getSourceFile: (name: string) => live().getSourceFile(name),
      getSourceFiles: () => live().getSourceFiles(),
      getOptionsDiagnostics: (token?: TS.CancellationToken) => live().getOptionsDiagnostics(token),
      getGlobalDiagnostics: (token?: TS.CancellationToken) => live().getGlobalDiagnostics(token),
      getConfigFileParsingDiagnostics: () => live().getConfigFileParsingDiagnostics(),
      getSyntacticDiagnostics: (file?: TS.SourceFile, token?: TS.CancellationToken) => live().getSyntacticDiagnostics(file, token),
      getDeclarationDiagnostics: (file?: TS.SourceFile, token?: TS.CancellationToken) => live().getDeclarationDiagnostics(file, token),
      getSemanticDiagnostics: (file?: TS.SourceFile, token?: TS.CancellationToken) => live().getSemanticDiagnostics(file, token),
      getAllDependencies: (file: TS.SourceFile) => localDependencies(ts, live(), file),
      emit: (...args: Parameters<TS.Program["emit"]>) => live().emit(...args),
      getCurrentDirectory: () => live().getCurrentDirectory(),
      close: () => (program = undefined),
    };
    return builder as unknown as TS.BuilderProgram;
  };
}

/**
 * `file` and the TypeScript and JavaScript files it imports, directly or not (what tslab emits
 * and checks with a cell: its local modules, on disk or `@module` cells). The program's checker
 * finds each import's file, as the program resolved it; declaration files are left out, as tslab
 * drops them.
 */
function localDependencies(ts: typeof TS, program: TS.Program, file: TS.SourceFile): string[] {
  const checker = program.getTypeChecker();
  const found = new Map([[file.fileName, file]]);
  const queue = [file];
  const visit = (node: TS.Node): void => {
    const specifier = ts.isImportDeclaration(node) || ts.isExportDeclaration(node) ? node.moduleSpecifier
      : ts.isExternalModuleReference(node) ? node.expression
      : ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword ? node.arguments[0]
      : undefined;
    const target = specifier && checker.getSymbolAtLocation(specifier)?.valueDeclaration;
    if (target && ts.isSourceFile(target) && !target.isDeclarationFile && !found.has(target.fileName)) {
      found.set(target.fileName, target);
      queue.push(target);
    }
    ts.forEachChild(node, visit);
  };
  for (let next = queue.pop(); next; next = queue.pop()) visit(next);
  return [...found.keys()];
}

/**
 * tslab reads the cell's `locals` (the names it declares) as soon as its program is built, then
 * builds a second program with those names exported and compiles that one: the binder sets them
 * (what the builder's set-up did by building a type checker). Binding just the root files lets
 * the first program go without a checker, which merges every lib file's globals (a declaring cell
 * compiled in ~30 ms of CPU instead of ~40); the second program's checker binds the rest and
 * leaves these bound as they are (the same options). Through TypeScript's internal binder
 * (test/kernel/tslab-contract.test.ts checks it is there); without it, a checker binds them.
 */
function bindRoots(ts: typeof TS, program: TS.Program): void {
  const bind = (ts as { bindSourceFile?: (file: TS.SourceFile, options: TS.CompilerOptions) => void }).bindSourceFile;
  if (!bind) return void program.getTypeChecker();
  for (const name of program.getRootFileNames()) {
    const file = program.getSourceFile(name);
    if (file) bind(file, program.getCompilerOptions());
  }
}
