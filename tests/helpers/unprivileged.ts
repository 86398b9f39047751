import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { binPath, root } from './paths';
import { tempDir } from './temp';

/**
 * How to run clientfit as a user whom file permissions bind: root ignores a
 * folder's mode, so as root the binary is started through `setpriv` as
 * `nobody`, from a copy of the built program that user can read (the clone
 * may sit in a folder only its owner can enter), and the folders it needs are
 * handed to that user; anyone else is bound already.
 */
export interface Unprivileged {
  /** The command and arguments that start `node` as that user. */
  readonly command: (args: readonly string[]) => { file: string; args: string[] };
  /** Gives a folder (and everything in it) to that user. */
  readonly own: (path: string) => void;
  /** The built program's folder (bin, dist, questions) as that user reaches it. */
  readonly root: string;
  /** Its bin/clientfit.js. */
  readonly binPath: string;
}

const nobody = 65534;

function chownTree(path: string): void {
  chownSync(path, nobody, nobody);
  if (lstatSync(path).isDirectory())
    for (const name of readdirSync(path)) chownTree(join(path, name));
}

/**
 * The user for these tests, or why there is none (the test is then skipped,
 * with the reason printed once). Call it at the top of a test file: the copy
 * lives in a temporary folder removed when the file ends.
 */
export function unprivilegedUser(): Unprivileged | { skip: string } {
  if (process.getuid?.() !== 0)
    return {
      command: (args) => ({ file: process.execPath, args: [...args] }),
      own: () => undefined,
      root,
      binPath,
    };
  const setpriv = ['--reuid=65534', '--regid=65534', '--clear-groups'];
  if (spawnSync('setpriv', [...setpriv, 'true']).status !== 0)
    return { skip: 'setpriv cannot switch to the user nobody here' };
  const copy = join(tempDir('clientfit-nobody-'), 'clientfit');
  for (const part of ['bin', 'dist', 'questions', 'package.json'])
    cpSync(join(root, part), join(copy, part), { recursive: true });
  chownTree(copy);
  chmodSync(join(copy, '..'), 0o755);
  const user: Unprivileged = {
    command: (args) => ({ file: 'setpriv', args: [...setpriv, process.execPath, ...args] }),
    own: chownTree,
    root: copy,
    binPath: join(copy, 'bin', 'clientfit.js'),
  };
  const { file, args } = user.command([user.binPath, '--version']);
  const tried = spawnSync(file, args, { cwd: copy, encoding: 'utf8' });
  if (tried.status === 0) return user;
  const lines = (tried.stderr || String(tried.error ?? '')).split('\n');
  const why = lines.find((line) => /Error|denied/.test(line)) ?? lines[0];
  return {
    skip: `nobody cannot run ${process.execPath} on ${user.binPath} (${why}); a folder above it is closed to other users`,
  };
}
