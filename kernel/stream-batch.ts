// What a cell prints goes out at once, up to BUDGET messages per WINDOW_MS; beyond that, writes
// to one stream are joined into one IOPub message per window (as ipykernel's OutStream batches).
// One message per console.log overran IOPub's high-water mark in a burst (ZeroMQ then drops
// messages silently: 38 of 1500 printed lines never arrived). Sending the first ones at once
// matters: a print before a long computation must show before it, and the main thread cannot
// flush anything while the cell computes.

const BUDGET = 100;
const WINDOW_MS = 100;

type StreamName = "stdout" | "stderr";

/** Throttled `send`; flush() before anything that must come after the text (a display, the reply). */
export function batchedStreams(send: (name: StreamName, text: string) => void, now: () => number = () => performance.now()) {
  let windowStart = -Infinity;
  let sent = 0;
  let pending: { name: StreamName; text: string; since: number } | null = null;
  let scheduled = false;
  const flush = (): void => {
    if (pending) send(pending.name, pending.text);
    pending = null;
  };
  return {
    write(name: StreamName, text: string): void {
      const t = now();
      if (t - windowStart >= WINDOW_MS) {
        windowStart = t;
        sent = 0;
      }
      if (pending === null && sent < BUDGET) {
        sent++;
        return send(name, text);
      }
      if (pending && pending.name !== name) flush();
      if (pending) pending.text += text;
      else pending = { name, text, since: t };
      if (t - pending.since >= WINDOW_MS) return flush();
      if (scheduled) return;
      scheduled = true;
      setImmediate(() => {
        scheduled = false;
        flush();
      });
    },
    flush,
  };
}
