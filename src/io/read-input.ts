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

/** Refuses bytes that are not UTF-8 (a Latin-1 or UTF-16 file) instead of turning them into U+FFFD; keeps no state between calls. */
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The buffer readInputText reads every file into: one per process, grown to the largest file read. */
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
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return fail(display, 'file-not-found', 'no such file', 'check the path');
    if (code === 'EACCES' || code === 'EPERM')
      return fail(
        display,
        'permission-denied',
        'permission denied: this file cannot be read',
        'check the file permissions',
      );
    if (code === 'ENOTDIR')
      return fail(
        display,
        'file-not-found',
        'a part of this path is not a folder',
        'check the path',
      );
    if (code === 'ELOOP')
      return fail(
        display,
        'symlink-loop',
        'this path is a loop of symbolic links',
        'check the path',
      );
    return fail(
      display,
      'unreadable',
      `this file cannot be opened (${code ?? 'unknown error'})`,
      'check the path and permissions',
    );
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory())
      return fail(
        display,
        'not-a-file',
        'this is a folder, but a file is expected here',
        'name a YAML file',
      );
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
    // The size is where reading starts, not a promise: files under /proc say 0
    // and hold more, others grow while read. Read until the end, or one byte
    // past the limit. (One byte more than the size tells the end at once; a
    // store of many small records must not allocate 64 KiB for each.)
    let limit = Math.min(stat.size > 0 ? stat.size + 1 : 64 * 1024, maxBytes + 1);
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
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR')
      return fail(
        display,
        'not-a-file',
        'this is a folder, but a file is expected here',
        'name a YAML file',
      );
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
