// Reading files that anyone may have put in a workspace: only regular files, never more than a byte
// limit, enforced while reading. A FIFO, a device or a symlink to /dev/zero is refused at once (its
// stat size is 0, so checking the size first would read forever or block on open).
import * as fs from 'node:fs';

/** A file that is not read, with the reason in words a user understands. */
export class FileReadError extends Error {
  constructor(
    message: string,
    readonly code: 'not-regular' | 'too-large' | 'io',
  ) {
    super(message);
  }
}

const CHUNK = 1024 * 1024;

/** What a stat says the path is, for a message. */
function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(1)} MiB` : `${+(bytes / 1024).toFixed(1)} KiB`;
}

function tooLarge(maxBytes: number): FileReadError {
  return new FileReadError(`file is larger than ${formatBytes(maxBytes)}, the most that is read`, 'too-large');
}

// O_NONBLOCK: opening a FIFO for reading must not wait for a writer. Regular files ignore the flag.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/**
 * Reads a regular file as UTF-8, refusing anything else and anything over `maxBytes` (counted while
 * reading, so a file that grows while it is read is refused too). Errors are `FileReadError` or the
 * system error (ENOENT, EACCES).
 */
export function readRegularFileSync(file: string, maxBytes: number): string {
  const fd = fs.openSync(file, OPEN_FLAGS);
  try {
    const reader = new BoundedReader(fs.fstatSync(fd), maxBytes);
    for (let buffer = reader.next(); buffer; buffer = reader.next()) reader.took(fs.readSync(fd, buffer, 0, buffer.length, null));
    return reader.text();
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * What both readers share: only a regular file, and never more than `maxBytes` (counted while
 * reading, since a size can change or lie). `next()` gives the buffer to read into (undefined once the
 * end was reached), `took(n)` records how many bytes a read put there.
 */
class BoundedReader {
  private readonly chunks: Buffer[] = [];
  private total = 0;
  private pending: Buffer | undefined;
  private done = false;

  /** The size the file had when opened: the first buffer holds it all (and one byte more, to see the end). */
  private readonly expected: number;

  constructor(stat: fs.Stats, private readonly maxBytes: number) {
    if (!stat.isFile()) throw new FileReadError(`${kindOf(stat)}, not a regular file: not read`, 'not-regular');
    if (stat.size > maxBytes) throw tooLarge(maxBytes);
    this.expected = stat.size;
  }

  next(): Buffer | undefined {
    if (this.done) return undefined;
    const size = this.total === 0 ? Math.max(CHUNK, this.expected + 1) : CHUNK;
    this.pending = Buffer.allocUnsafe(Math.min(size, this.maxBytes + 1 - this.total));
    return this.pending;
  }

  took(read: number): void {
    const buffer = this.pending!;
    if (read === 0) {
      this.done = true;
      return;
    }
    this.total += read;
    if (this.total > this.maxBytes) throw tooLarge(this.maxBytes);
    this.chunks.push(read === buffer.length ? buffer : buffer.subarray(0, read));
  }

  text(): string {
    // One chunk (the usual case: the file did not grow while read) is decoded without a copy.
    return this.chunks.length === 1 ? this.chunks[0].toString('utf8') : Buffer.concat(this.chunks, this.total).toString('utf8');
  }
}

/** The asynchronous twin of `readRegularFileSync`. */
export async function readRegularFile(file: string, maxBytes: number): Promise<string> {
  const handle = await fs.promises.open(file, OPEN_FLAGS);
  try {
    const reader = new BoundedReader(await handle.stat(), maxBytes);
    for (let buffer = reader.next(); buffer; buffer = reader.next()) reader.took((await handle.read(buffer, 0, buffer.length, null)).bytesRead);
    return reader.text();
  } finally {
    await handle.close();
  }
}
