import { closeSync, constants, fsyncSync, linkSync, lstatSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { randomHex } from './random-hex';
import { basename, dirname, join } from 'node:path';
import { ExitCode } from '../exit-codes';
import { UserError } from '../errors';

export interface WriteOptions {
  /** Replace an existing file (else refuse). */
  readonly overwrite: boolean;
  /** File mode for a new file, e.g. 0o600 for private records. */
  readonly mode?: number;
}

function reason(code: string | undefined): string {
  switch (code) {
    case 'ENOENT':
      return 'its folder does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EDQUOT':
      return 'the disk quota is used up';
    case 'EROFS':
      return 'the file system is read-only';
    case 'EISDIR':
      return 'it is a folder';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    default:
      return `the system said ${code ?? 'no more'}`;
  }
}

/**
 * Writes a whole file so that readers see either nothing or all of it: the
 * content goes to a temporary file in the same folder, is flushed to disk,
 * then is linked into place (refusing to replace anything, so a symlink at
 * the destination is never followed) or renamed over the old file when
 * overwriting is allowed. The temporary file is removed in every case.
 */
export function writeFileAtomic(path: string, content: string | Uint8Array, options: WriteOptions): void {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomHex(12)}.tmp`);
  const fail = (error: unknown, what: string): UserError => {
    const code = (error as NodeJS.ErrnoException).code;
    return new UserError(`cannot write ${path}: ${what === '' ? reason(code) : what}`, {
      exitCode: ExitCode.invalidInput,
      hint: 'choose another path with --output, or fix the folder',
    });
  };
  let existing: ReturnType<typeof lstatSync>;
  try {
    existing = lstatSync(path, { throwIfNoEntry: false });
  } catch (error) {
    throw fail(error, '');
  }
  if (existing?.isDirectory() === true) throw fail({ code: 'EISDIR' }, '');
  // A device, pipe or socket is never replaced (think of /dev/null); a symlink is replaced itself, never followed.
  if (existing !== undefined && !existing.isFile() && !existing.isSymbolicLink()) throw fail({}, 'it is not a regular file (a device, pipe or socket)');
  let fd: number;
  try {
    fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, options.mode ?? 0o644);
  } catch (error) {
    throw fail(error, '');
  }
  try {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkQuietly(temp);
    throw fail(error, '');
  }
  closeSync(fd);
  try {
    if (options.overwrite) renameSync(temp, path);
    else linkSync(temp, path);
  } catch (error) {
    unlinkQuietly(temp);
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new UserError(`${path} already exists; clientfit does not overwrite files unless asked`, {
        exitCode: ExitCode.usage,
        hint: 'pass --force to replace it, or choose another path',
      });
    }
    throw fail(error, '');
  }
  if (!options.overwrite) unlinkQuietly(temp);
  syncFolder(dir);
}

/** Creates a folder (and its parents) or says plainly why it cannot: exit 3, never a stack trace. */
export function ensureFolder(dir: string, mode: number, what: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EEXIST' || code === 'ENOTDIR' ? 'a file of that name is in the way' : reason(code);
    throw new UserError(`cannot create the ${what} ${dir}: ${why}`, { exitCode: ExitCode.invalidInput, hint: 'choose another folder, or fix this one' });
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

/** Makes the new directory entry durable too (best effort: not every file system allows it). */
function syncFolder(dir: string): void {
  try {
    const fd = openSync(dir, constants.O_RDONLY);
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Not supported here; the file itself is already flushed.
  }
}
