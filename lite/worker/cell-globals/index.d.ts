// The globals a cell sees in the browser kernel, in place of the Node kernel's @types/node: the
// worker's TypeScript would parse and bind those 2 MB of declarations at every start (about half
// of building the converter's program), for Node modules a cell cannot load here (only "gradlab"
// resolves). Declared: what the worker gives cells — the console, printed as Node prints it
// (console-capture.ts), timers, and the `process` streams (process-streams.ts).

interface Console {
  log(...data: unknown[]): void;
  info(...data: unknown[]): void;
  debug(...data: unknown[]): void;
  error(...data: unknown[]): void;
  warn(...data: unknown[]): void;
  trace(...data: unknown[]): void;
  dir(item?: unknown, options?: object): void;
}
declare var console: Console;

declare function setTimeout<A extends unknown[]>(handler: (...args: A) => void, timeout?: number, ...args: A): number;
declare function clearTimeout(id: number | undefined): void;
declare function setInterval<A extends unknown[]>(handler: (...args: A) => void, timeout?: number, ...args: A): number;
declare function clearInterval(id: number | undefined): void;
declare function queueMicrotask(callback: () => void): void;
declare function structuredClone<T>(value: T): T;
declare var performance: { now(): number };

interface ProcessStream {
  write(chunk: string | Uint8Array): boolean;
}
declare var process: {
  stdout: ProcessStream;
  stderr: ProcessStream;
  env: Record<string, string | undefined>;
  nextTick<A extends unknown[]>(callback: (...args: A) => void, ...args: A): void;
};

// Any other module type-checks (as `any`), so that importing one, as a Node notebook may, stops
// at run time with the worker's own message: only "gradlab" exists here (library.ts cellRequire).
declare module "*";
