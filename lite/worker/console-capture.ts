import { formatWithOptions, inspect } from "node-inspect-extracted";

// Console output of cells as the Node kernel prints it: each console call is formatted by Node's
// own util.format (node-inspect-extracted is its browser build) and written to process.stdout
// (log/info/debug/dir) or process.stderr (error/warn/trace), which kernel/output.ts routes to the
// cell that is running, exactly as Node's console writes to the streams the kernel captures.

const toStdout = ["log", "info", "debug"] as const;
const toStderr = ["error", "warn", "trace"] as const;

type Stream = { write(chunk: string): boolean };

/** Points the worker's console at process.stdout/stderr. */
export function captureConsole(): void {
  const streams = process as unknown as { stdout: Stream; stderr: Stream };
  const print = (name: "stdout" | "stderr") => (...args: unknown[]) => void streams[name].write(`${formatWithOptions({ colors: false }, ...args)}\n`);
  const target = console as unknown as Record<string, unknown>;
  for (const method of toStdout) target[method] = print("stdout");
  for (const method of toStderr) target[method] = print("stderr");
  target.dir = (value: unknown, options?: object) => void streams.stdout.write(`${inspect(value, { ...options, colors: false })}\n`);
}
