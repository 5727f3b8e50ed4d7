import type * as Zmq from "zeromq";

// zeromq.js allows one send in flight per socket, and after 512 sends that completed at once it
// delays the next one (to let the event loop breathe); a send issued meanwhile throws "Socket is
// busy writing". A kernel sends from many places in one tick (status, execute_input, streams,
// replies), so after a few hundred IOPub messages a request's handling died on that throw and
// its cell never replied. Every socket the kernel writes to goes through one of these. A send
// goes to ZeroMQ at once whenever it can: a print before a long computation must leave before
// the computation holds the thread.

const isBusy = (err: unknown) => (err as { code?: unknown } | null)?.code === "EBUSY";

/** Sends on one socket, in order. */
export interface OrderedSender {
  /** Send `frames` after everything sent before; failures (a closed socket) are dropped. */
  send(frames: Buffer[]): void;
  /** Run `fn` once everything sent so far has gone to ZeroMQ (at once when nothing waits). */
  afterQueued(fn: () => void): void;
}

/** An OrderedSender over `socket`. */
export function orderedSender(socket: Pick<Zmq.Writable, "send">): OrderedSender {
  const waiting: Array<Buffer[] | (() => void)> = [];
  const drain = async (): Promise<void> => {
    while (waiting.length > 0) {
      const next = waiting[0]!;
      if (typeof next === "function") next();
      else {
        try {
          await socket.send(next);
        } catch (err) {
          if (isBusy(err)) {
            await new Promise((resolve) => setImmediate(resolve));
            continue;
          }
        }
      }
      waiting.shift();
    }
  };
  return {
    send(frames) {
      if (waiting.length > 0) return void waiting.push(frames);
      try {
        socket.send(frames).catch(() => undefined);
      } catch (err) {
        if (!isBusy(err)) return;
        waiting.push(frames);
        void drain();
      }
    },
    afterQueued(fn) {
      if (waiting.length > 0) waiting.push(fn);
      else fn();
    },
  };
}
