import type { ChildProcess } from 'node:child_process';
import type { FSWatcher } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  constants,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  watch,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { binPath, root } from '../helpers/paths';
import { homeEnv, runCli } from '../helpers/run-cli';
import { tempDir } from '../helpers/temp';

// `init` stopped by a signal, or killed outright: a complete bank or nothing, never a hidden build folder.

const shippedFiles = readdirSync(join(root, 'questions', 'three-degrees'))
  .concat('schema')
  .sort();
const codes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
type Signal = keyof typeof codes;

function env(): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    NO_COLOR: '1',
    ...homeEnv(tempDir('clientfit-init-home-')),
  };
}

interface Ended {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

function started(
  bin: string,
  args: readonly string[],
  cwd: string,
): { child: ChildProcess; ended: Promise<Ended> } {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd,
    env: env(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  child.stdout.resume();
  const ended = new Promise<Ended>((done) =>
    child.on('close', (status, signal) => {
      done({ status, signal, stderr });
    }),
  );
  return { child, ended };
}

const pause = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** The hidden build folders (ours end in .tmp) anywhere in `dir`, one level down too. */
function buildFolders(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) =>
    name.endsWith('.tmp'),
  );
}

/**
 * A copy of clientfit (bin, bundle, shipped questions) in which one file init
 * copies is a FIFO: init stops on it until the test writes it, so a signal
 * sent meanwhile reaches init in the middle of its copy, every time.
 */
function packageWithFifo(fifoName: string): { bin: string; fifo: string } {
  const copy = tempDir('clientfit-init-package-');
  mkdirSync(join(copy, 'bin'));
  mkdirSync(join(copy, 'dist'));
  copyFileSync(binPath, join(copy, 'bin', 'clientfit.js'));
  copyFileSync(join(root, 'bin', 'package.json'), join(copy, 'bin', 'package.json'));
  copyFileSync(join(root, 'dist', 'clientfit.cjs'), join(copy, 'dist', 'clientfit.cjs'));
  cpSync(join(root, 'questions'), join(copy, 'questions'), { recursive: true });
  const fifo = join(copy, 'questions', fifoName);
  expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
  return { bin: join(copy, 'bin', 'clientfit.js'), fifo };
}

/** Writes the FIFO once init opens it to read (never blocks the test: gives up when init has ended). */
async function feed(fifo: string, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) return;
    let fd: number | undefined;
    try {
      fd = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
    } catch {
      await pause(10);
      continue;
    }
    writeSync(fd, 'x: 1\n');
    closeSync(fd);
    return;
  }
}

describe('init stopped by a signal', () => {
  it.each([
    ['SIGINT', 'three-degrees/zz-last.yaml', 'bank'],
    ['SIGTERM', 'schema/0-first.schema.json', 'bank'],
    ['SIGHUP', 'three-degrees/zz-last.yaml', 'new/deeper/bank'],
    ['SIGINT', 'three-degrees/zz-last.yaml', '.'],
  ] as [Signal, string, string][])(
    'by %s while copying %s into %s: removes what it made, says so, exits 128+n',
    async (signal, fifoName, dir) => {
      const { bin, fifo } = packageWithFifo(fifoName);
      const work = tempDir();
      const cwd = dir === '.' ? join(work, 'here') : work;
      if (dir === '.') mkdirSync(cwd);
      const { child, ended } = started(bin, ['init', dir], cwd);
      // The build folder appears, then init waits on the FIFO; a signal now is mid-copy.
      while (buildFolders(cwd).length === 0 && child.exitCode === null) await pause(10);
      child.kill(signal);
      await feed(fifo, child);
      const r = await ended;
      expect(r.status, r.stderr).toBe(codes[signal]);
      expect(r.stderr.trim()).toBe(
        `clientfit: init stopped by ${signal}; nothing was created in ${dir}.`,
      );
      expect(readdirSync(cwd)).toEqual([]);
    },
    30_000,
  );

  it('at any moment: a complete bank and exit 0, or nothing and 128+n — never a build folder', async () => {
    const work = tempDir();
    // Moments given by events, not by a number of milliseconds: as soon as the process exists, at each of the
    // first few changes in the folder (the build folder, the copy under way, the bank moved into place), and never.
    const moments = [
      { at: 'spawn' },
      ...[1, 2, 3, 4, 6, 8].map((n) => ({ at: 'change', n })),
      { at: 'never' },
    ] as const;
    for (const [i, moment] of moments.entries()) {
      const dir = `bank-${i}`;
      const { child, ended } = started(binPath, ['init', dir], work);
      let changes = 0;
      // The folder and, once it appears, the build folder, each watched on its own: Node's
      // recursive watch (written in JavaScript on Linux) throws, uncaught, when a folder it is
      // about to list is renamed away, as init's build folder is.
      const watchers: FSWatcher[] = [];
      const watchFolder = (path: string): void => {
        try {
          watchers.push(watch(path, changed).on('error', () => undefined));
        } catch {
          // Gone already (renamed into place, or removed by the signal): nothing more to see there.
        }
      };
      let building = false;
      function changed(): void {
        changes++;
        if (moment.at === 'change' && changes === moment.n) child.kill('SIGINT');
        const build = building ? undefined : readdirSync(work).find((n) => n.endsWith('.tmp'));
        if (build !== undefined) {
          building = true;
          watchFolder(join(work, build));
        }
      }
      watchFolder(work);
      if (moment.at === 'spawn') child.once('spawn', () => child.kill('SIGINT'));
      const r = await ended;
      for (const watcher of watchers) watcher.close();
      expect(buildFolders(work), r.stderr).toEqual([]);
      // A bank that exists is whole (a signal just after the copy may still end the process, by Node's default action).
      if (existsSync(join(work, dir)))
        expect(readdirSync(join(work, dir)).sort()).toEqual(shippedFiles);
      if (r.status === 0) expect(existsSync(join(work, dir))).toBe(true);
      else
        expect(r.status === 130 || r.signal === 'SIGINT', `${String(r.status)} ${r.stderr}`).toBe(
          true,
        );
      // Stopped by init's own handler: nothing was made.
      if (r.status === 130) expect(existsSync(join(work, dir)), r.stderr).toBe(false);
    }
  }, 60_000);
});

describe('build folders left by an init that was killed outright', () => {
  const deadPid = (): number => {
    const r = spawnSync(process.execPath, ['-e', '0']);
    return r.pid;
  };

  it('do not make an empty folder "not empty", and are removed', () => {
    const here = join(tempDir(), 'here');
    const stale = join(here, `.clientfit-init.${deadPid()}.0123abcd.tmp`);
    mkdirSync(join(stale, 'schema'), { recursive: true });
    writeFileSync(join(stale, 'bank.yaml'), 'half');
    const r = runCli(['init', '.'], { cwd: here });
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(here).sort()).toEqual(shippedFiles);
  });

  it('beside DIR are removed when DIR is made', () => {
    const work = tempDir();
    const stale = join(work, `.bank.${deadPid()}.89abcdef.tmp`);
    mkdirSync(stale);
    const r = runCli(['init', 'bank'], { cwd: work });
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(work)).toEqual(['bank']);
  });

  it('of an init still running are left alone: the folder is not empty', () => {
    const here = join(tempDir(), 'here');
    const live = join(here, `.clientfit-init.${process.pid}.0123abcd.tmp`);
    mkdirSync(live, { recursive: true });
    const r = runCli(['init', '.'], { cwd: here });
    expect(r.status).toBe(2);
    expect(existsSync(live)).toBe(true);
  });
});
