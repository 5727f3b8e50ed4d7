// process.stdout and process.stderr inside the worker (imported first: kernel/output.ts binds
// process.stderr when it loads). The bundle's `process` is the browser polyfill, shared by every
// module; cells see the same object as their global `process`, as on Node.

type Stream = { write(chunk: string | Uint8Array, ...rest: unknown[]): boolean };
const nowhere: Stream = { write: () => true };
const shared = process as unknown as { stdout?: Stream; stderr?: Stream };
shared.stdout ??= { ...nowhere };
shared.stderr ??= { ...nowhere };
(globalThis as { process?: unknown }).process = process;

export {};
