import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { gradeMsg } from "./messages";

// File access of the grader: atomic writes for reports and caches, and the one way a submission
// is read — as a regular file only (no symlink, FIFO, device or folder), with a size limit.

/** Largest submission read (a notebook with many charts is a few MB; this leaves ample room). */
export const MAX_SUBMISSION_BYTES = 64 << 20;

/** A submission that cannot be read as a notebook file; graded as zero with this reason. */
export class SubmissionFileError extends Error {
  override name = "SubmissionFileError";
}

/** Write a file so that readers see the old content or the new one, never half of it. */
export function writeFileAtomic(file: string, content: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
  try {
    fs.writeFileSync(temp, content);
    fs.renameSync(temp, file);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOSPC" || code === "EDQUOT") throw new Error(gradeMsg.diskFull(file));
    throw err;
  }
}

/** sha256 of a string or bytes, hex. */
export function sha256(text: string | Buffer): string {
  return crypto.createHash("sha256").update(text).digest("hex");
}

/** What lstat says a path is, in words for the "not a regular file" error. */
export function fileKind(stat: fs.Stats): string {
  if (stat.isSymbolicLink()) return "a symbolic link";
  if (stat.isDirectory()) return "a folder";
  if (stat.isFIFO()) return "a FIFO (named pipe)";
  if (stat.isSocket()) return "a socket";
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return "a device";
  return "not a regular file";
}

/**
 * The bytes of a submission that is a regular file. Opened without following a final symlink and
 * without blocking on a FIFO, then checked with fstat, so what is read is what was checked.
 */
export function readSubmissionFile(file: string): Buffer {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ELOOP") throw new SubmissionFileError(gradeMsg.notRegular("a symbolic link"));
    throw new SubmissionFileError(gradeMsg.unreadable(code ?? (err as Error).message));
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new SubmissionFileError(gradeMsg.notRegular(fileKind(stat)));
    if (stat.size > MAX_SUBMISSION_BYTES) throw new SubmissionFileError(gradeMsg.tooLarge(stat.size, MAX_SUBMISSION_BYTES));
    return fs.readFileSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
