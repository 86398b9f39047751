import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

/**
 * Whether process `pid` of this machine is running (another user's counts
 * too: the kernel says EPERM, not ESRCH). Used only for files whose name or
 * content says which process of this host made them.
 */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether process `pid` of this machine runs clientfit, as far as Linux's
 * /proc/PID/cmdline tells (its program or script is named clientfit…);
 * undefined where that cannot be read (another system, hidden processes).
 * A lock names a process id, and after a crash that id may be another
 * program's.
 */
export function processIsClientfit(pid: number): boolean | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/cmdline`, 'utf8').slice(0, 64 * 1024);
  } catch {
    return undefined;
  }
  if (text === '') return undefined;
  return text
    .split('\0')
    .slice(0, 2)
    .some((arg) => /^clientfit/i.test(basename(arg)));
}
