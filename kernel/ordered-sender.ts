import type * as Zmq from "zeromq";

// zeromq.js allows one send in flight per socket, and after 512 sends that completed at once it
// delays the next one (to let the event loop breathe); a send issued meanwhile throws "Socket is
// busy writing". A kernel sends from many places in one tick (status, execute_input, streams,
// replies), so after a few hundred IOPub messages a request's handling died on that throw and
// its cell never replied. Every socket the kernel writes to goes through one of these. A send
// goes to ZeroMQ at once whenever it can: a print before a long computation must leave before
// the computation holds the thread.

const isBusy = (err: unknown) => (err as { code?: unknown } | null)?.code === "EBUSY";

/** Send `frames` in order with everything sent before on this socket; failures (a closed socket) are dropped. */
export function orderedSender(socket: Pick<Zmq.Writable, "send">): (frames: Buffer[]) => void {
  const waiting: Buffer[][] = [];
  const drain = async (): Promise<void> => {
    while (waiting.length > 0) {
      const frames = waiting[0]!;
      try {
        await socket.send(frames);
      } catch (err) {
        if (isBusy(err)) {
          await new Promise((resolve) => setImmediate(resolve));
          continue;
        }
      }
      waiting.shift();
    }
  };
  return (frames) => {
    if (waiting.length > 0) return void waiting.push(frames);
    try {
      socket.send(frames).catch(() => undefined);
    } catch (err) {
      if (!isBusy(err)) return;
      waiting.push(frames);
      void drain();
    }
  };
}
