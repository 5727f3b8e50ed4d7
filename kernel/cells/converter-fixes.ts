import type * as TS from "typescript";
import { commonJsTranspiler } from "./commonjs-transpile";
import type { CellMaps } from "./line-table";
import { plainBuilder } from "./plain-builder";

// tslab's converter (unmaintained, pinned) takes TypeScript's API from the module it requires, so
// its behaviour is fixed by handing it a wrapped TypeScript: our compiler options, a plain program
// in place of the incremental builder it rebuilds for every cell (plain-builder.ts), a CommonJS
// transpile that does not type-check again (commonjs-transpile.ts), the source maps behind its
// output (for tracebacks), its program (for hints), and its escapedName bug — it
// exports a cell's names by TypeScript's escaped spelling, so `const __r = 1` became `___r`
// ("Cannot find name '___r'"). Platform-neutral: the browser kernel wraps its TypeScript the same.

/** The wrapped TypeScript and what it observed of the converter's last compile. */
export interface ConverterFixes {
  /** Give this module to tslab's converter in place of TypeScript. */
  readonly ts: typeof TS;
  /** Call before each convert() with the cell's source (the export-list fix applies to it only), and with null after. */
  expect(src: string | null): void;
  /** The source maps behind a converted output (the last convert() only). */
  mapsFor(output: string): CellMaps | undefined;
  /** The program of the converter's last compile, for checking types at diagnostics. */
  program(): TS.Program | undefined;
}

const INLINE_MAP = /\n?\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/;
const MAP_COMMENT = /\n?\/\/# sourceMappingURL=\S+\s*$/;

/** tslab appends `\nexport {names}` to a cell; names with a leading `__` come escaped (`___r`). */
export function unescapeExportList(content: string, src: string): string {
  const at = content.lastIndexOf(src);
  if (at < 0) return content;
  const end = at + src.length;
  const tail = content.slice(end);
  if (!/^\nexport \{[^}]*\}$/.test(tail)) return content;
  return content.slice(0, end) + tail.replace(/(^|[{,\s])___/g, "$1__");
}

/** tslab declares names it cannot keep as `let ___x: any;` lines, escaped the same way. */
export function unescapeAnyDeclarations(declarations: string): string {
  return declarations.replace(/^let ___([^\s:]*): any;$/gm, "let __$1: any;");
}

/** Wrap `ts` so converters created from it compile with `options` and report what fixes need. */
export function fixConverterTypeScript(ts: typeof TS, options: TS.CompilerOptions): ConverterFixes {
  let expected: string | null = null;
  let maps = new Map<string, CellMaps>();
  let builder: TS.BuilderProgram | undefined;
  const toCommonJs = commonJsTranspiler(ts);

  const createWatchCompilerHost = (rootFiles: string[], base: TS.CompilerOptions, system: TS.System, ...rest: unknown[]) => {
    const sys: TS.System = Object.create(system);
    sys.readFile = (path, encoding) => {
      const content = system.readFile(path, encoding);
      return content !== undefined && expected !== null && path.endsWith("__tslab__.ts") ? unescapeExportList(content, expected) : content;
    };
    const merged = { ...base, ...options, inlineSourceMap: true, sourceMap: false };
    const [, ...reporters] = rest;
    const host = (ts.createWatchCompilerHost as (...args: unknown[]) => TS.WatchCompilerHostOfFilesAndCompilerOptions<TS.BuilderProgram>)(rootFiles, merged, sys, plainBuilder(ts), ...reporters);
    let inner: ((program: TS.BuilderProgram) => void) | undefined;
    Object.defineProperty(host, "afterProgramCreate", {
      configurable: true,
      get: () => (program: TS.BuilderProgram) => {
        builder = program;
        inner?.(program);
      },
      set: (fn: typeof inner) => (inner = fn),
    });
    return host;
  };

  // tslab turns the ES module it emits into CommonJS with transpileModule: keep both maps.
  const transpileModule = (input: string, transpile: TS.TranspileOptions): TS.TranspileOutput => {
    const inline = INLINE_MAP.exec(input);
    if (!inline) return toCommonJs(input, transpile);
    const out = toCommonJs(input.slice(0, inline.index), { ...transpile, compilerOptions: { ...transpile.compilerOptions, sourceMap: true } });
    const outputText = out.outputText.replace(MAP_COMMENT, "\n");
    // A cell that replaced JSON or atob leaves its later tracebacks without lines, not failing.
    try {
      const module = (JSON.parse(atob(inline[1]!)) as { mappings: string }).mappings;
      const commonJs = (JSON.parse(out.sourceMapText!) as { mappings: string }).mappings;
      if (typeof module === "string" && typeof commonJs === "string") maps.set(outputText, { commonJs, module });
    } catch {
      // No maps: see above.
    }
    return { ...out, outputText };
  };

  const wrapped = new Proxy(ts, {
    get: (target, key) =>
      key === "createWatchCompilerHost" ? createWatchCompilerHost : key === "transpileModule" ? transpileModule : Reflect.get(target, key),
  });
  return {
    ts: wrapped,
    expect(src) {
      expected = src;
      if (src !== null) maps = new Map();
    },
    mapsFor: (output) => maps.get(output),
    program: () => builder?.getProgram(),
  };
}
