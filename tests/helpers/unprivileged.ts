import { spawnSync } from 'node:child_process';
import { chownSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * How to run clientfit as a user whom file permissions bind: root ignores a
 * folder's mode, so as root the binary is started through `setpriv` as
 * `nobody` (and the folders it needs are handed to that user); anyone else
 * is bound already. Undefined when neither is possible: the test is skipped.
 */
export interface Unprivileged {
  /** The command and arguments that start `node` as that user. */
  readonly command: (args: readonly string[]) => { file: string; args: string[] };
  /** Gives a folder (and everything in it) to that user. */
  readonly own: (path: string) => void;
}

const nobody = 65534;

function chownTree(path: string): void {
  chownSync(path, nobody, nobody);
  if (lstatSync(path).isDirectory()) for (const name of readdirSync(path)) chownTree(join(path, name));
}

function detect(): Unprivileged | undefined {
  if (process.getuid?.() !== 0) return { command: (args) => ({ file: process.execPath, args: [...args] }), own: () => undefined };
  const setpriv = ['--reuid=65534', '--regid=65534', '--clear-groups'];
  if (spawnSync('setpriv', [...setpriv, 'true']).status !== 0) return undefined;
  return { command: (args) => ({ file: 'setpriv', args: [...setpriv, process.execPath, ...args] }), own: chownTree };
}

/** Detected once per test file. */
export const unprivileged: Unprivileged | undefined = detect();
