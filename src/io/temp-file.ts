import {
  closeSync,
  constants,
  fchmodSync,
  fsyncSync,
  lstatSync,
  openSync,
  readdirSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { processAlive } from './process-alive';
import { randomHex } from './random-hex';

/** Temporary files are named `.NAME.PID.HEX.tmp`: hidden, and naming the process that writes them. */
const tempName = /^\..+\.(\d{1,10})\.[0-9a-f]+\.tmp$/;

/** A new temporary file's path beside `path`. */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomHex(12)}.tmp`);
}

/**
 * Removes the temporary files that processes of this machine left in `dir`
 * when they were killed half-way through a write (SIGKILL, a power cut):
 * those whose process is gone. Folders (init's build folders) are left to
 * init. Called before every write, so a leftover lasts until the next write
 * to its folder. Best effort: a folder that cannot be read is met by the
 * write itself.
 */
export function removeStaleTemps(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = tempName.exec(name)?.[1];
    if (pid === undefined || processAlive(Number(pid))) continue;
    const path = join(dir, name);
    try {
      if (!lstatSync(path).isDirectory()) unlinkSync(path);
    } catch {
      // Removed by another clientfit meanwhile, or not ours to remove.
    }
  }
}

/**
 * Writes `content` to a new temporary file beside `path` (created
 * exclusively, never through a symlink), flushed to disk, and returns its
 * path. With `keepMode` the mode is set exactly (the umask applies to
 * open's mode, not to fchmod's). File-system errors are thrown as they are.
 */
export function writeTemp(
  path: string,
  content: string | Uint8Array,
  mode: number,
  keepMode = false,
): string {
  const temp = tempPathFor(path);
  const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
  try {
    try {
      if (keepMode) fchmodSync(fd, mode);
    } catch {
      // Not every file system keeps modes; the content matters more.
    }
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkQuietly(temp);
    throw error;
  }
  closeSync(fd);
  return temp;
}

/** Removes a file; one already gone is no error. */
export function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}
