import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** How much of a dead process's output the launcher reads back. */
export interface LogTailOptions {
  /** Lines returned, the last ones. @default 50 */
  readonly lines?: number;
  /** Bytes read from the end of the file at most, whatever its size. @default 65_536 */
  readonly maxBytes?: number;
  /** Characters kept of one line (a process may log megabytes in one line). @default 2_000 */
  readonly maxLineChars?: number;
}

/**
 * The last lines a process wrote to `file` since byte `from` (where the file ended when it was
 * started, so an earlier run's lines are not blamed on it). The file is the ring buffer: children
 * write their log themselves (relaying every line through the launcher costs it CPU the platform
 * could use), and only its last `maxBytes` are read, once, when the process dies.
 */
export function logTail(file: string, from = 0, options: LogTailOptions = {}): string[] {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return [];
  }
  try {
    return readTail(fd, from, options);
  } catch {
    return []; // not a readable file (a folder in its place): no lines rather than no report
  } finally {
    closeSync(fd);
  }
}

function readTail(fd: number, from: number, { lines = 50, maxBytes = 65_536, maxLineChars = 2_000 }: LogTailOptions): string[] {
  const size = fstatSync(fd).size;
  const start = Math.max(from, size - maxBytes);
  if (start >= size) return [];
  const buffer = Buffer.alloc(size - start);
  const read = readSync(fd, buffer, 0, buffer.length, start);
  const all = buffer.subarray(0, read).toString('utf8').split('\n');
  // A read that starts mid-file starts mid-line: that first piece is not a whole line.
  if (start > from) all.shift();
  while (all.length > 0 && all.at(-1)!.trim() === '') all.pop();
  return all.slice(-lines).map((line) => (line.length > maxLineChars ? `${line.slice(0, maxLineChars)}... (${line.length - maxLineChars} more characters)` : line));
}
