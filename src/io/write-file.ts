import {
  closeSync,
  constants,
  fsyncSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  renameSync,
  statfsSync,
  statSync,
} from 'node:fs';
import { removeStaleTemps, tempPathFor, unlinkQuietly, writeTemp } from './temp-file';
import { dirname, resolve } from 'node:path';
import { systemLinkTarget } from './system-link';
import type { Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { ExitCode } from '../exit-codes';
import { UserError } from '../errors';

export interface WriteOptions {
  /** Replace an existing file (else refuse). */
  readonly overwrite: boolean;
  /** File mode for a new file, e.g. 0o600 for private records. A file that is replaced keeps its own mode. */
  readonly mode?: number;
  /** The folder, in words, for the hint when the write fails (default: "its folder"). */
  readonly folder?: string;
  /** Where else the file can go, for the hint (default: another path with --output). */
  readonly elsewhere?: string;
}

/**
 * What to suggest when a write fails, matched to its reason: no permission
 * is not mended by freeing space, nor a full disk by fixing permissions.
 * `folder` names the folder in words, `elsewhere` says where else to write.
 */
export function writeHint(code: string | undefined, folder: string, elsewhere: string): string {
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return `free some space on the disk of ${folder}, or ${elsewhere}`;
    case 'EACCES':
    case 'EPERM':
      return `make ${folder} writable for you (check its permissions and owner), or ${elsewhere}`;
    case 'EROFS':
      return `${elsewhere}, on a file system that can be written`;
    default:
      return `check ${folder}, or ${elsewhere}`;
  }
}

/** Why a file-system call failed, in words, from its error code. */
export function reason(code: string | undefined): string {
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
    case 'ELOOP':
      return 'the path is a loop of symbolic links';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    default:
      return `the system said ${code ?? 'no more'}`;
  }
}

/**
 * node:fs/promises, loaded on first use: on Node 20 it pulls in readline's
 * internals, which a command that saves nothing should not pay for at start.
 */
export function fsPromises(): Promise<typeof import('node:fs/promises')> {
  return import('node:fs/promises');
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
        `it is a link to ${system}, a device or a file of the system's, which clientfit never replaces, even with --force`,
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
  const { link, lstat, open, rename, unlink } = await fsPromises();
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

/**
 * The kernel's own file systems, by the magic number statfs gives: their
 * files are not files, and Node's recursive mkdir spins for ever on /proc.
 */
const kernelFileSystems = new Map<number, string>([
  [0x9fa0, 'proc'],
  [0x62656572, 'sysfs'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0x73636673, 'securityfs'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
  [0x6165676c, 'pstore'],
  [0xcafe4a11, 'bpf'],
  [0x62656570, 'configfs'],
  [0x1cd1, 'devpts'],
  [0x42494e4d, 'binfmt_misc'],
  [0xde5e81e4, 'efivarfs'],
]);

/**
 * Why `dir` cannot hold clientfit's files, or undefined when it can (as far
 * as can be told without creating it): its nearest existing folder must be a
 * folder on an ordinary file system, not /proc, /sys or another of the
 * kernel's, and nothing on the way may be a file. Looks only (stat and
 * statfs), so it returns at once where mkdir would hang. The reason speaks
 * of `dir` as `subject` ("it" unless given).
 */
export function folderProblem(dir: string, subject = 'it'): string | undefined {
  const target = resolve(dir);
  let probe = target;
  for (;;) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(probe).isDirectory();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const parent = dirname(probe);
      if (
        code === 'ENOENT' &&
        lstatSync(probe, { throwIfNoEntry: false })?.isSymbolicLink() === true
      )
        return `${probe} is a symbolic link to a place that does not exist`;
      if ((code === 'ENOENT' || code === 'ENOTDIR') && parent !== probe) {
        probe = parent;
        continue;
      }
      return reason(code);
    }
    if (!isDirectory)
      return probe === target ? `${subject} is a file, not a folder` : `${probe} is not a folder`;
    let type: number | undefined;
    try {
      type = statfsSync(probe).type;
    } catch {
      type = undefined;
    }
    const kernel = type === undefined ? undefined : kernelFileSystems.get(type);
    return kernel === undefined
      ? undefined
      : `${subject} is on ${kernel}, a file system of the kernel's own, where no files can be kept`;
  }
}

/**
 * Creates a folder (and its parents) or says plainly why it cannot: exit 3,
 * never a stack trace. Folders on the kernel's file systems (/proc, /sys)
 * and paths through a file are refused before mkdir is tried.
 */
export function ensureFolder(
  dir: string,
  mode: number,
  what: string,
  elsewhere = 'choose another folder',
): void {
  const problem = folderProblem(dir);
  if (problem !== undefined)
    throw new UserError(`cannot use ${dir} as the ${what}: ${problem}`, {
      exitCode: ExitCode.invalidInput,
      hint: `${elsewhere}, or fix this one`,
    });
  try {
    mkdirSync(dir, { recursive: true, mode });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'EEXIST'
        ? 'a file (or a broken symbolic link) of that name is in the way'
        : reason(code);
    throw new UserError(`cannot create the ${what} ${dir}: ${why}`, {
      exitCode: ExitCode.invalidInput,
      hint: writeHint(code, 'the folder above it', elsewhere),
    });
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
