import type { Stats } from 'node:fs';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import type { Diagnostic } from '../core/diagnostics/diagnostic';
import { formatBytes } from '../core/yaml/limits';

/** A file that could not be read, and why. */
export interface ReadFailure {
  readonly ok: false;
  readonly diagnostic: Diagnostic;
}

export type ReadResult = { readonly ok: true; readonly bytes: Uint8Array } | ReadFailure;

function fail(file: string, code: string, message: string, hint?: string): ReadFailure {
  return {
    ok: false,
    diagnostic: {
      severity: 'error',
      code,
      file,
      path: [],
      message,
      ...(hint === undefined ? {} : { hint }),
    },
  };
}

/**
 * Reads a whole input file, refusing anything that is not a regular file
 * (a directory, a FIFO that would block forever, a device) and anything
 * larger than `maxBytes`, before reading it. The file is opened without
 * blocking and checked on the open handle, so it cannot be swapped in between.
 */
export function readInputFile(path: string, display: string, maxBytes: number): ReadResult {
  return readWhole(path, display, maxBytes, (size) => Buffer.alloc(size));
}

export type TextResult = { readonly ok: true; readonly text: string } | ReadFailure;

/**
 * Refuses bytes that are not UTF-8 (a Latin-1 or UTF-16 file) instead of
 * turning them into U+FFFD; keeps no state between calls.
 */
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The buffer readInputText reads every file into: one per process, grown to
 * the largest file read.
 */
let scratch = Buffer.allocUnsafe(0);

/**
 * readInputFile for a file that is text: its bytes decoded as UTF-8, or the
 * diagnostic `not-utf8`. The bytes pass through one buffer kept for the
 * process, so a command that reads thousands of small files (the record
 * store) allocates only their text, not a buffer for each to be collected.
 */
export function readInputText(path: string, display: string, maxBytes: number): TextResult {
  const read = readWhole(path, display, maxBytes, (size) => {
    if (scratch.length < size) scratch = Buffer.allocUnsafe(size);
    return scratch;
  });
  if (!read.ok) return read;
  try {
    return { ok: true, text: utf8.decode(read.bytes) };
  } catch {
    return fail(display, 'not-utf8', 'this file is not UTF-8 text', 'save it as UTF-8');
  }
}

const denied = [
  'permission-denied',
  'permission denied: this file cannot be read',
  'check the file permissions',
] as const;

/** Why a file cannot be opened, by error code: the diagnostic's code, message and hint. */
const openFailures: Partial<Record<string, readonly [string, string, string]>> = {
  ENOENT: ['file-not-found', 'no such file', 'check the path'],
  EACCES: denied,
  EPERM: denied,
  ENOTDIR: ['file-not-found', 'a part of this path is not a folder', 'check the path'],
  ELOOP: ['symlink-loop', 'this path is a loop of symbolic links', 'check the path'],
};

/** Opens a file without blocking (a FIFO would block the open itself), or says why it cannot. */
function openForReading(path: string, display: string): number | ReadFailure {
  try {
    return openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const known = code === undefined ? undefined : openFailures[code];
    if (known !== undefined) return fail(display, ...known);
    return fail(
      display,
      'unreadable',
      `this file cannot be opened (${code ?? 'unknown error'})`,
      'check the path and permissions',
    );
  }
}

const aFolder = (display: string): ReadFailure =>
  fail(display, 'not-a-file', 'this is a folder, but a file is expected here', 'name a YAML file');

/** Why an opened file is not one to read: a folder, a pipe or device, or too large. */
function refusal(stat: Stats, display: string, maxBytes: number): ReadFailure | undefined {
  if (stat.isDirectory()) return aFolder(display);
  if (!stat.isFile())
    return fail(
      display,
      'not-a-file',
      'this is not a regular file (it is a pipe, socket or device)',
      'name a regular YAML file',
    );
  if (stat.size > maxBytes)
    return fail(
      display,
      'file-too-large',
      `this file is ${formatBytes(stat.size)}; the limit is ${formatBytes(maxBytes)}`,
      'check that this is the right file',
    );
  return undefined;
}

/**
 * Reads an open file to its end, or fails one byte past `maxBytes`. `size`
 * (the file's own) is where reading starts, not a promise: files under /proc
 * say 0 and hold more, others grow while read. (One byte more than the size
 * tells the end at once; a store of many small records must not allocate
 * 64 KiB for each.)
 */
function readToEnd(
  fd: number,
  size: number,
  display: string,
  maxBytes: number,
  buffer: (size: number) => Buffer,
): ReadResult {
  let limit = Math.min(size > 0 ? size + 1 : 64 * 1024, maxBytes + 1);
  let bytes = buffer(limit);
  let length = 0;
  for (;;) {
    if (length === limit) {
      if (length > maxBytes)
        return fail(
          display,
          'file-too-large',
          `this file is larger than ${formatBytes(maxBytes)}`,
          'check that this is the right file',
        );
      limit = Math.min(limit * 2, maxBytes + 1);
      const larger = buffer(limit);
      if (larger !== bytes) bytes.copy(larger, 0, 0, length);
      bytes = larger;
    }
    const n = readSync(fd, bytes, length, limit - length, null);
    if (n === 0) break;
    length += n;
  }
  return { ok: true, bytes: bytes.subarray(0, length) };
}

/**
 * The reading behind readInputFile and readInputText: `buffer(size)` gives a
 * buffer of at least `size` bytes to read into (grown by copying when a file
 * holds more than it said); the bytes returned are a view of it.
 */
function readWhole(
  path: string,
  display: string,
  maxBytes: number,
  buffer: (size: number) => Buffer,
): ReadResult {
  const fd = openForReading(path, display);
  if (typeof fd !== 'number') return fd;
  try {
    const stat = fstatSync(fd);
    return refusal(stat, display, maxBytes) ?? readToEnd(fd, stat.size, display, maxBytes, buffer);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') return aFolder(display);
    return fail(
      display,
      'unreadable',
      `this file cannot be read (${code ?? 'unknown error'})`,
      'check the file',
    );
  } finally {
    closeSync(fd);
  }
}
