import { formatWithOptions, inspect } from "node-inspect-extracted";

// Console output of cells as the Node kernel sends it: each console call is formatted by Node's
// own util.format (node-inspect-extracted is its browser build) and becomes one stream message,
// stdout for log/info/debug, stderr for error/warn/trace. process.stdout/stderr.write work too.

/** Receives each chunk of text a cell prints. */
export type StreamSink = (name: "stdout" | "stderr", text: string) => void;

const toStdout = ["log", "info", "debug"] as const;
const toStderr = ["error", "warn", "trace"] as const;

/** Routes the worker's console and a minimal `process.stdout/stderr` to `sink`. */
export function captureConsole(sink: StreamSink): void {
  const print = (name: "stdout" | "stderr") => (...args: unknown[]) => sink(name, `${formatWithOptions({ colors: false }, ...args)}\n`);
  const target = console as unknown as Record<string, unknown>;
  for (const method of toStdout) target[method] = print("stdout");
  for (const method of toStderr) target[method] = print("stderr");
  target.dir = (value: unknown, options?: object) => sink("stdout", `${inspect(value, { ...options, colors: false })}\n`);
  const writer = (name: "stdout" | "stderr") => ({
    write: (chunk: string | Uint8Array) => {
      sink(name, typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk));
      return true;
    },
  });
  const g = globalThis as unknown as { process?: Record<string, unknown> };
  g.process = { ...(g.process ?? {}), stdout: writer("stdout"), stderr: writer("stderr"), env: {}, platform: "browser" };
}
