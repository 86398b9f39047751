import { readlinkSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Where the symlink at `path` points, when that is the system's (under /proc
 * or /dev, or a device wherever it is): /dev/stdout and its kind, which a
 * write must not replace. Undefined for a link to an ordinary file.
 */
export function systemLinkTarget(path: string): string | undefined {
  let target: string;
  try {
    target = resolve(dirname(path), readlinkSync(path));
  } catch {
    return undefined;
  }
  if (/^\/(proc|dev)(\/|$)/.test(target)) return target;
  const info = statSync(path, { throwIfNoEntry: false });
  return info !== undefined && !info.isFile() && !info.isDirectory() ? target : undefined;
}
