import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";

// Jupyter's wire protocol (messaging 5.3): [identities…, "<IDS|MSG>", HMAC-SHA256 signature,
// header, parent header, metadata, content, buffers…]. Only signed messages are accepted.

const DELIMITER = "<IDS|MSG>";
const VERSION = "5.3";
let kernelSession: string = randomUUID();

/** The session id every message this kernel sends carries. */
export function kernelSessionId(): string {
  return kernelSession;
}

/** Send under `id` (the control thread takes the main thread's, so all replies carry one). */
export function useKernelSession(id: string): void {
  kernelSession = id;
}

/** A message header. */
export interface Header {
  msg_id: string;
  session: string;
  username: string;
  date: string;
  msg_type: string;
  version: string;
}

/** A parsed incoming message. */
export interface Message {
  identities: Buffer[];
  header: Header;
  content: Record<string, unknown>;
}

function sign(key: string, parts: string[]): string {
  const hmac = createHmac("sha256", key);
  for (const part of parts) hmac.update(part);
  return hmac.digest("hex");
}

/** Frames that crossed a thread boundary (postMessage turns Buffers into Uint8Arrays) as Buffers again. */
export function asBuffers(frames: Uint8Array[]): Buffer[] {
  return frames.map((f) => Buffer.from(f.buffer, f.byteOffset, f.byteLength));
}

/** Parse and verify frames from a socket; null when unsigned, badly signed or malformed. */
export function parseMessage(key: string, frames: Buffer[]): Message | null {
  const at = frames.findIndex((f) => f.toString() === DELIMITER);
  if (at < 0 || frames.length < at + 6) return null;
  const [signature, ...parts] = frames.slice(at + 1, at + 6).map((f) => f.toString());
  const expected = sign(key, parts);
  if (key !== "" && (signature!.length !== expected.length || !timingSafeEqual(Buffer.from(signature!), Buffer.from(expected)))) return null;
  try {
    return { identities: frames.slice(0, at), header: JSON.parse(parts[0]!) as Header, content: JSON.parse(parts[3]!) as Record<string, unknown> };
  } catch {
    return null;
  }
}

/** The frames of a message of `msgType` answering (or published for) `parent`. */
export function messageFrames(key: string, parent: Message, msgType: string, content: object, identities: Buffer[] = parent.identities): Buffer[] {
  const header: Header = {
    msg_id: randomUUID().replace(/-/g, ""),
    session: kernelSession,
    username: parent.header.username ?? "kernel",
    date: new Date().toISOString(),
    msg_type: msgType,
    version: VERSION,
  };
  const parts = [header, parent.header, {}, content].map((p) => JSON.stringify(p));
  return [...identities, Buffer.from(DELIMITER), Buffer.from(sign(key, parts)), ...parts.map((p) => Buffer.from(p))];
}
