import {
  closeSync,
  constants,
  fsyncSync,
  linkSync,
  lstatSync,
  openSync,
  renameSync,
} from 'node:fs';
import type { Stats } from 'node:fs';
import { link, lstat, open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ExitCode } from '../exit-codes';
import { UserError } from '../errors';
import { folderProblem } from './ensure-folder';
import { systemLinkTarget } from './system-link';
import { removeStaleTemps, tempPathFor, unlinkQuietly, writeTemp } from './temp-file';
import { reason, writeHint } from './write-hint';

export interface WriteOptions {
  /** Replace an existing file (else refuse). */
  readonly overwrite: boolean;
  /** Mode of a new file, e.g. 0o600 for private records; a file that is replaced keeps its own. */
  readonly mode?: number;
  /** The folder, in words, for the hint when the write fails (default: "its folder"). */
  readonly folder?: string;
  /** Where else the file can go, for the hint (default: another path with --output). */
  readonly elsewhere?: string;
}

/**
 * Builds the error for a failed write of `path`: exit 3, with the reason in
 * words. A folder that cannot hold files at all (on /proc or /sys, or under a
 * file) is named as such, not as "does not exist" or "permission denied".
 */
function writeFailure(
  path: string,
  options: WriteOptions,
): (error: unknown, what: string) => UserError {
  return (error, what) => {
    const code = (error as NodeJS.ErrnoException).code;
    const folder = dirname(path);
    const folderIsWrong =
      what === '' && code !== undefined && code !== 'ENOSPC' && code !== 'EDQUOT'
        ? folderProblem(folder, folder)
        : undefined;
    const elsewhere = options.elsewhere ?? 'choose another path with --output';
    return new UserError(
      `cannot write ${path}: ${folderIsWrong ?? (what === '' ? reason(code) : what)}`,
      {
        exitCode: ExitCode.invalidInput,
        hint:
          folderIsWrong === undefined
            ? writeHint(code, options.folder ?? 'its folder', elsewhere)
            : elsewhere,
      },
    );
  };
}

/**
 * What is at the destination decides what may be done: a folder, device, pipe
 * or socket is never replaced (think of /dev/null); a symlink is replaced
 * itself, never followed. Returns the mode a replaced file keeps (a private
 * 0600 file must not come back 0644), or throws.
 */
function keptModeOf(
  path: string,
  existing: Stats | undefined,
  fail: (error: unknown, what: string) => UserError,
): number | undefined {
  if (existing?.isDirectory() === true) throw fail({ code: 'EISDIR' }, '');
  if (existing !== undefined && !existing.isFile() && !existing.isSymbolicLink())
    throw fail({}, 'it is not a regular file (a device, pipe or socket)');
  if (existing?.isSymbolicLink() === true) {
    const system = systemLinkTarget(path);
    if (system !== undefined)
      throw fail(
        {},
        `it is a link to ${system}, a device or a file of the system's, ` +
          'which clientfit never replaces, even with --force',
      );
  }
  return existing?.isFile() === true ? existing.mode & 0o7777 : undefined;
}

/** The error for a destination that appeared meanwhile, when replacing was not allowed. */
function alreadyExists(path: string): UserError {
  return new UserError(`${path} already exists; clientfit does not overwrite files unless asked`, {
    exitCode: ExitCode.usage,
    hint: 'pass --force to replace it, or choose another path',
  });
}

/**
 * Writes a whole file so that readers see either nothing or all of it: the
 * content goes to a temporary file in the same folder, is flushed to disk,
 * then is linked into place (refusing to replace anything, so a symlink at
 * the destination is never followed) or renamed over the old file when
 * overwriting is allowed. The temporary file is removed in every case, and
 * those of killed writers are removed first (see removeStaleTemps).
 * Synchronous, for the few places that must finish before anything else runs
 * (a draft saved from a signal handler); see writeFileAtomicAsync.
 *
 * Not write-file-atomic (npm's, 7.0.1 on Node 20), measured 12-07: it writes
 * through a symlink at the destination (the link's target was overwritten),
 * has no no-clobber mode (with `flag: 'wx'` it still replaced the file), and
 * names its temporary file `NAME.123456789`, which says neither that it is
 * temporary nor whose it is, so a kill's leftover could never be told stale.
 */
export function writeFileAtomic(
  path: string,
  content: string | Uint8Array,
  options: WriteOptions,
): void {
  const fail = writeFailure(path, options);
  let existing: Stats | undefined;
  try {
    existing = lstatSync(path, { throwIfNoEntry: false });
  } catch (error) {
    throw fail(error, '');
  }
  const keptMode = keptModeOf(path, existing, fail);
  removeStaleTemps(dirname(path));
  let temp: string;
  try {
    temp = writeTemp(path, content, keptMode ?? options.mode ?? 0o644, keptMode !== undefined);
  } catch (error) {
    throw fail(error, '');
  }
  try {
    if (options.overwrite) renameSync(temp, path);
    else linkSync(temp, path);
  } catch (error) {
    unlinkQuietly(temp);
    throw (error as NodeJS.ErrnoException).code === 'EEXIST'
      ? alreadyExists(path)
      : fail(error, '');
  }
  if (!options.overwrite) unlinkQuietly(temp);
  syncFolder(dirname(path));
}

/**
 * writeFileAtomic with the same guarantees, without blocking: the event loop
 * keeps turning meanwhile, so a Ctrl+C during a save on a slow or stuck file
 * system is seen at once, and waits for the save only a bounded time (see
 * uninterrupted in commands/context.ts).
 */
export async function writeFileAtomicAsync(
  path: string,
  content: string | Uint8Array,
  options: WriteOptions,
): Promise<void> {
  const fail = writeFailure(path, options);
  let existing: Stats | undefined;
  try {
    existing = await lstat(path).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    });
  } catch (error) {
    throw fail(error, '');
  }
  const keptMode = keptModeOf(path, existing, fail);
  removeStaleTemps(dirname(path));
  const temp = tempPathFor(path);
  let file: FileHandle;
  try {
    file = await open(
      temp,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL,
      keptMode ?? options.mode ?? 0o644,
    );
  } catch (error) {
    throw fail(error, '');
  }
  try {
    if (keptMode !== undefined) await file.chmod(keptMode).catch(() => undefined);
    await file.writeFile(typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
    await file.sync();
  } catch (error) {
    await file.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw fail(error, '');
  }
  await file.close().catch(() => undefined);
  try {
    if (options.overwrite) await rename(temp, path);
    else await link(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw (error as NodeJS.ErrnoException).code === 'EEXIST'
      ? alreadyExists(path)
      : fail(error, '');
  }
  if (!options.overwrite) await unlink(temp).catch(() => undefined);
  try {
    const folder = await open(dirname(path), constants.O_RDONLY);
    await folder.sync().finally(() => folder.close());
  } catch {
    // Not supported here; the file itself is already flushed.
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
