import * as net from "node:net";

// The runner's message channel: length-prefixed JSON frames over the child's fd 3 (a socket pair
// that bubblewrap passes through). Unlike Node's IPC channel, the reader knows a frame's size before
// it buffers it, so a child that announces a frame larger than the limit is stopped instead of
// making the grading process allocate it; JSON keeps what a child can make the parent build linear
// in the bytes it sent.

/** The child's end of the channel is this file descriptor. */
export const CHANNEL_FD = 3;

/** Largest frame the grading process accepts from a child (outputs are capped far below this in the child). */
export const MAX_FRAME_BYTES = 64 << 20;

// Captured when this module loads, before any cell runs: a submission that replaces JSON.stringify
// still gets its results sent.
const stringify = JSON.stringify;

/** One message as a frame: 4-byte big-endian length, then UTF-8 JSON. */
export function frame(message: unknown): Buffer {
  const body = Buffer.from(stringify(message), "utf8");
  const head = Buffer.alloc(4);
  head.writeUInt32BE(body.length, 0);
  return Buffer.concat([head, body]);
}

/** Splits a byte stream into frames; after a frame over `max` bytes nothing more is read. */
export class FrameReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** Size of the frame being received, once its header is in. */
  private size: number | null = null;
  private stopped = false;

  constructor(
    private readonly max: number,
    private readonly onFrame: (text: string) => void,
    private readonly onTooLarge: (bytes: number) => void,
  ) {}

  push(chunk: Buffer): void {
    if (this.stopped) return;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    for (;;) {
      if (this.size === null) {
        if (this.buffered < 4) return;
        this.size = this.take(4).readUInt32BE(0);
        if (this.size > this.max) {
          this.stopped = true;
          this.chunks = [];
          this.onTooLarge(this.size);
          return;
        }
      }
      if (this.buffered < this.size) return;
      const body = this.take(this.size);
      this.size = null;
      this.onFrame(body.toString("utf8"));
      if (this.stopped) return;
    }
  }

  /** Stop reading (the child is being stopped). */
  stop(): void {
    this.stopped = true;
    this.chunks = [];
  }

  // Concatenates only once a whole header or frame is in, so a large frame is copied once.
  private take(bytes: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    this.chunks = all.length > bytes ? [all.subarray(bytes)] : [];
    this.buffered -= bytes;
    return all.subarray(0, bytes);
  }
}

/** The child's side: send frames, receive the parent's (trusted, so unlimited in size). */
export function childChannel(onMessage: (message: unknown) => void, onClose: () => void): { send(message: unknown): void; close(last: unknown): void } {
  const socket = new net.Socket({ fd: CHANNEL_FD, readable: true, writable: true });
  const reader = new FrameReader(Number.MAX_SAFE_INTEGER, (text) => onMessage(JSON.parse(text)), () => undefined);
  socket.on("data", (chunk: Buffer) => reader.push(chunk));
  socket.on("end", onClose);
  socket.on("error", onClose);
  return {
    send: (message) => void socket.write(frame(message)),
    close: (last) => void socket.end(frame(last)),
  };
}
