import type * as net from "node:net";
import { frame, FrameReader, MAX_FRAME_BYTES } from "./channel";
import type { FromChild, ToChild } from "./protocol";
import { fromChild } from "./validate";

// The grading process's end of a child's channel: frames in, each parsed and checked against the
// protocol (validate.ts) before any listener sees it. The first frame that is too large, not JSON
// or not a protocol message is a violation: nothing more is read, and `onViolation` stops the child.

/** The parent's end of the channel on `socket`; results' outputs are capped at `outputBudget` characters. */
export function parentChannel(socket: net.Socket, outputBudget: number, onViolation: (reason: string) => void): {
  send(message: ToChild): void;
  onMessage(listener: (message: FromChild) => void): () => void;
} {
  const listeners = new Set<(message: FromChild) => void>();
  const violate = (reason: string) => {
    reader.stop();
    onViolation(reason);
  };
  const reader = new FrameReader(MAX_FRAME_BYTES, (text) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return violate("a message that is not JSON");
    }
    const message = fromChild(parsed, outputBudget);
    if ("violation" in message) return violate(message.violation);
    for (const listener of [...listeners]) listener(message);
  }, (bytes) => violate(`a message of ${bytes} bytes (the limit is ${MAX_FRAME_BYTES})`));
  socket.on("data", (chunk: Buffer) => reader.push(chunk));
  socket.on("error", () => undefined);
  return {
    send: (message) => void (socket.writable && socket.write(frame(message))),
    onMessage: (listener) => (listeners.add(listener), () => void listeners.delete(listener)),
  };
}
