import { lstatSync, mkdirSync, statfsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ExitCode } from '../exit-codes';
import { UserError } from '../errors';
import { reason, writeHint } from './write-hint';

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
