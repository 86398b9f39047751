import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { binPath, root } from '../helpers/paths';
import { expectNoStackTrace, homeEnv, runCli } from '../helpers/run-cli';
import { cli } from '../helpers/in-process';
import { tempDir } from '../helpers/temp';
import type { Unprivileged } from '../helpers/unprivileged';
import { unprivilegedUser } from '../helpers/unprivileged';

// The attacks of issue 12 that are about files, folders and processes.

const sample = join(root, 'questions', 'samples', 'northwind-bakery.yaml');

// Two tests run clientfit as a user whom file permissions bind.
const found = unprivilegedUser();
const unprivileged = 'skip' in found ? undefined : found;
if ('skip' in found)
  console.warn(`notice: the 2 tests that run clientfit as another user are SKIPPED: ${found.skip}`);

/** Whether this machine lets a test mount a small file system in a namespace of its own (to fill it up). */
function canMountTmpfs(): boolean {
  const r = spawnSync('unshare', ['-rm', 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs "$DIR"'], {
    encoding: 'utf8',
    env: { ...process.env, DIR: tempDir() },
  });
  return r.status === 0;
}

/** A home of its own for each test: HOME and every XDG folder. */
function isolated(): Record<string, string> {
  return homeEnv(tempDir('clientfit-hardening-home-'));
}

/** Spawns the built binary without waiting, for runs that must overlap (as `user` when given). */
function spawnCli(
  args: readonly string[],
  env: Record<string, string>,
  user?: Unprivileged,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const { file, args: argv } = (
    user ?? { command: (a: readonly string[]) => ({ file: process.execPath, args: [...a] }) }
  ).command([user?.binPath ?? binPath, ...args]);
  return new Promise((resolve) => {
    const child = spawn(file, argv, {
      cwd: user?.root ?? root,
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', TZ: 'UTC', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => {
      resolve({ status, stdout, stderr });
    });
  });
}

/** A finished draft of the shipped bank in a drafts folder, ready to be resumed and saved. */
function finishedDraft(drafts: string, id: string, prospect = 'Acme', from = root): string {
  mkdirSync(drafts, { recursive: true });
  const path = join(drafts, `${id}.json`);
  writeFileSync(
    path,
    JSON.stringify({
      schemaVersion: 1,
      kind: 'clientfit-draft',
      bank: {
        id: 'three-degrees',
        path: join(from, 'questions', 'three-degrees'),
        contentHash: 'x',
      },
      prospect,
      startedAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      answers: {
        'request-source': { value: 'competitor' },
        'why-competitor': { value: 'light-bulb' },
      },
      complete: true,
    }),
  );
  return path;
}

describe('files, folders and processes', () => {
  it('a store on /proc is refused at once, never spun on', () => {
    const env = isolated();
    const r = runCli(['run', '--answers', sample, '--store', '/proc/clientfit-x'], {
      env,
      timeout: 15_000,
    });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(3);
    expect(r.stdout).toMatch(/TAKE|DECLINE|CONDITIONS|UNDECIDED/i);
    expect(r.stderr).toMatch(/cannot use \/proc\/clientfit-x as the record store: it is on proc/);
    expectNoStackTrace(r.stderr);
    const sys = runCli(['run', '--answers', sample, '--store', '/sys/clientfit'], {
      env,
      timeout: 15_000,
    });
    expect(sys.status).toBe(3);
    expect(sys.stderr).toMatch(/sysfs/);
  });

  it.skipIf(unprivileged === undefined)(
    'resumes of a draft in a folder that cannot be written save nothing, say why (exit 3), and keep the draft',
    async () => {
      const user = unprivileged as Unprivileged;
      const env = isolated();
      const home = env.HOME ?? '';
      const store = join(home, 'store');
      const drafts = join(env.XDG_STATE_HOME ?? '', 'clientfit', 'drafts');
      const id = '2026-01-01T00-00-00-000Z-acme-fedcba';
      const draft = finishedDraft(drafts, id, 'Acme', user.root);
      user.own(home);
      chmodSync(drafts, 0o555);
      const args = ['run', '--resume', id, '--store', store, '--allow-partial'];
      const all = await Promise.all([
        spawnCli(args, env, user),
        spawnCli(args, env, user),
        spawnCli(args, env, user),
      ]);
      for (const r of all) {
        expect(r.status, r.stderr).toBe(3);
        expect(r.stdout).toMatch(/TAKE|DECLINE|CONDITIONS|UNDECIDED/i);
        expect(r.stderr).toContain(
          `the assessment was not saved as a record: the draft ${id} cannot be taken from ${drafts} (permission denied)`,
        );
        expect(r.stderr).toMatch(
          new RegExp(
            `hint: the answers stay in the draft; make .*drafts writable for you, then \`clientfit run --resume ${id} --store`,
          ),
        );
        expectNoStackTrace(r.stderr);
      }
      expect(existsSync(store) ? readdirSync(store) : []).toEqual([]);
      expect(existsSync(draft)).toBe(true);
      // Once the folder can be written, the same resume saves it, once.
      chmodSync(drafts, 0o755);
      const again = await spawnCli(args, env, user);
      expect(again.status, again.stderr).toBe(0);
      expect(readdirSync(store)).toHaveLength(1);
    },
  );

  it('a store that is a file: every command that reads the store says so, exit 3', async () => {
    const env = isolated();
    const file = join(tempDir(), 'afile');
    writeFileSync(file, 'x');
    for (const args of [
      ['history'],
      ['show', 'x'],
      ['rescore'],
      ['calibrate'],
      ['outcome', 'x', 'signed'],
      ['outcome', 'x'],
    ]) {
      const r = await cli([...args, '--store', file], { env });
      expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(3);
      expect(r.stderr).toContain(
        `the record store ${file} cannot be read: it is a file, not a folder`,
      );
      expect(r.stderr).toMatch(/hint: name the folder of records with --store/);
      expect(r.stderr).not.toMatch(/ENOTDIR/);
      expectNoStackTrace(r.stderr);
    }
  });

  it('--output on /proc or /sys names the file system, not a missing folder or a permission', () => {
    const env = isolated();
    for (const [path, fs] of [
      ['/proc/clientfit-report.txt', 'proc'],
      ['/sys/clientfit-report.txt', 'sysfs'],
    ] as const) {
      // A process of its own, as for the store on /proc: a write there must never spin.
      const r = runCli(['run', '--answers', sample, '--no-save', '--output', path], { env });
      expect(r.status).toBe(3);
      expect(r.stderr).toContain(
        `cannot write ${path}: /${path.split('/')[1]} is on ${fs}, a file system of the kernel's own`,
      );
      expect(r.stderr).not.toMatch(/does not exist|permission denied/);
    }
  });

  it.skipIf(unprivileged === undefined)(
    'a read-only store, --output folder or init folder: the hint is about permissions, never free space',
    () => {
      const user = unprivileged as Unprivileged;
      const env = isolated();
      const home = env.HOME ?? '';
      const store = join(home, 'store');
      const ro = join(home, 'ro');
      mkdirSync(store);
      mkdirSync(ro);
      user.own(home);
      chmodSync(store, 0o555);
      chmodSync(ro, 0o555);
      const run = (args: readonly string[]): { status: number | null; stderr: string } => {
        const { file, args: argv } = user.command([user.binPath, ...args]);
        const r = spawnSync(file, argv, {
          cwd: home,
          env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env },
          encoding: 'utf8',
        });
        return { status: r.status, stderr: r.stderr };
      };
      const ownSample = join(user.root, 'questions', 'samples', 'northwind-bakery.yaml');
      const record = run(['run', '--answers', ownSample, '--store', store]);
      expect(record.status).toBe(3);
      expect(record.stderr).toMatch(/cannot write .*store.*: permission denied/);
      expect(record.stderr).toMatch(/hint: make the record store writable for you/);
      const output = run([
        'run',
        '--answers',
        ownSample,
        '--no-save',
        '--output',
        join(ro, 'report.txt'),
      ]);
      expect(output.status).toBe(3);
      expect(output.stderr).toMatch(/hint: make its folder writable for you .*--output/);
      const init = run(['init', join(ro, 'bank')]);
      expect(init.status).toBe(3);
      // Named as the user named it, not by a folder inside the copy; no free name is suggested in a folder nobody can write.
      expect(init.stderr).toContain(
        `cannot create the bank in ${join(ro, 'bank')}: permission denied`,
      );
      expect(init.stderr).not.toMatch(/schema|bank-2/);
      expect(readdirSync(ro)).toEqual([]);
      for (const r of [record, output, init]) {
        expect(r.stderr).not.toMatch(/space/);
        expectNoStackTrace(r.stderr);
      }
    },
  );

  it.skipIf(!canMountTmpfs())(
    'init on a disk that fills up half-way leaves nothing behind, exit 3',
    () => {
      const dir = tempDir();
      // A 64 KiB file system, mounted in a namespace of its own (nothing outside sees it); the bank and schemas need about 170 KiB.
      const script = [
        `mount -t tmpfs -o size=64k tmpfs "$DIR"`,
        `"$NODE" "$BIN" init "$DIR/bank"; echo "status $?"`,
        `"$NODE" "$BIN" init "$DIR/new/deeper/bank"; echo "status $?"`,
        `mkdir "$DIR/empty" && cd "$DIR/empty" && "$NODE" "$BIN" init .; echo "status $?"`,
        `echo "in empty: $(ls -A "$DIR/empty" | tr '\n' ' ')"`,
        `rmdir "$DIR/empty" && echo "left: $(ls -A "$DIR" | tr '\n' ' ')"`,
      ].join('\n');
      const r = spawnSync('unshare', ['-rm', 'sh', '-c', script], {
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH ?? '',
          NO_COLOR: '1',
          ...isolated(),
          DIR: dir,
          NODE: process.execPath,
          BIN: binPath,
        },
      });
      expect(r.stdout.match(/status \d+/g)).toEqual(['status 3', 'status 3', 'status 3']);
      expect(r.stdout).toMatch(/^in empty: $/m);
      expect(r.stderr).toMatch(
        /cannot write .*bank\/.*: the disk is full \(nothing was copied\)\nhint: free some space/,
      );
      expect(r.stderr).not.toMatch(/\.tmp/);
      expect(r.stdout).toMatch(/^left: $/m);
      expectNoStackTrace(r.stderr);
    },
  );

  it('init into the current folder, empty: fills it, never replaces it', async () => {
    const dir = join(tempDir(), 'here');
    mkdirSync(dir);
    const r = await cli(['init', '.'], { env: isolated(), cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(
      readdirSync(join(root, 'questions', 'three-degrees'))
        .concat('schema')
        .sort(),
    );
    expect((await cli(['validate', dir], { env: isolated() })).status).toBe(0);
  });

  it('init names the reason a folder cannot be made, exit 3', async () => {
    const env = isolated();
    const dir = tempDir();
    writeFileSync(join(dir, 'afile'), 'x');
    symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling'));
    symlinkSync('loop', join(dir, 'loop'));
    // The hint suggests a free name only where that name would work.
    const cases: [string, RegExp, RegExp][] = [
      [
        'afile',
        /afile: it is a file, not a folder/,
        /hint: name a new folder: clientfit init afile-2\n/,
      ],
      [
        'dangling',
        /dangling.*(symbolic link|broken symbolic link|does not exist)/,
        /hint: name a new folder: clientfit init dangling-2\n/,
      ],
      [
        'loop',
        /cannot create the bank in loop: the path is a loop of symbolic links\n/,
        /hint: name a new folder: clientfit init loop-2\n/,
      ],
      [
        'loop/x',
        /cannot create the bank in loop\/x: the path is a loop of symbolic links\n/,
        /hint: name a new folder in a place you can write to\n/,
      ],
      [
        '/dev/null/x',
        /\/dev\/null is not a folder/,
        /hint: name a new folder in a place you can write to\n/,
      ],
      [
        '/proc/clientfit-bank',
        /it is on proc/,
        /hint: name a new folder in a place you can write to\n/,
      ],
    ];
    for (const [target, message, hint] of cases) {
      const r = runCli(['init', target], { env, cwd: dir, timeout: 15_000 });
      expect(r.status, `${target}: ${r.stderr}`).toBe(3);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toMatch(hint);
      if (target !== 'afile') expect(r.stderr).not.toMatch(/is a file, not a folder/);
      expectNoStackTrace(r.stderr);
    }
    // `init .` in a folder that is not empty: no ".-2".
    const here = await cli(['init', '.'], { env, cwd: dir });
    expect(here.status).toBe(2);
    expect(here.stderr).toBe(
      'clientfit: . already exists and is not empty\nhint: name a new folder in a place you can write to\n',
    );
  });

  it('show on a truncated record exits 3, as the README says', async () => {
    const env = isolated();
    const store = join(env.HOME ?? '', 'store');
    expect((await cli(['run', '--answers', sample, '--store', store], { env })).status).toBe(0);
    const [name] = readdirSync(store);
    const path = join(store, name ?? '');
    writeFileSync(path, readFileSync(path, 'utf8').slice(0, 200));
    const r = await cli(['show', (name ?? '').replace(/\.json$/, ''), '--store', store], { env });
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/cannot be shown: truncated/);
  });

  it('when the store and --output both fail, both are reported', async () => {
    const env = isolated();
    const dir = tempDir();
    writeFileSync(join(dir, 'file'), 'x');
    const r = await cli(
      [
        'run',
        '--answers',
        sample,
        '--store',
        join(dir, 'file'),
        '--output',
        join(dir, 'missing', 'report.txt'),
      ],
      { env },
    );
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(
      /cannot write .*report\.txt: its folder does not exist; and the record was not saved either: cannot use .*file as the record store/,
    );
  });

  it('an answers file under /proc is read, not judged by its size', async () => {
    const r = await cli(['run', '--answers', '/proc/self/status'], { env: isolated() });
    expect(r.status).toBe(3);
    expect(r.stderr).not.toMatch(/larger than/);
  });

  it('an empty or cut-off dist/clientfit.cjs is named, with the fix, and no stack trace', () => {
    for (const content of [
      '',
      readFileSync(join(root, 'dist', 'clientfit.cjs'), 'utf8').slice(0, 5000),
    ]) {
      const copy = tempDir();
      mkdirSync(join(copy, 'bin'));
      mkdirSync(join(copy, 'dist'));
      copyFileSync(binPath, join(copy, 'bin', 'clientfit.js'));
      copyFileSync(join(root, 'bin', 'package.json'), join(copy, 'bin', 'package.json'));
      writeFileSync(join(copy, 'dist', 'clientfit.cjs'), content);
      const own = spawnSyncCopy(join(copy, 'bin', 'clientfit.js'));
      expect(own.status).toBe(1);
      expect(own.stderr).toMatch(/dist\/clientfit\.cjs is damaged .*npm run build.*reinstall/);
      expectNoStackTrace(own.stderr);
    }
  });
  it('the damaged-bundle message shows control, bidi and zero-width characters of its path and error visibly, never raw', () => {
    const copy = join(tempDir(), 'x\u001b]0;PWNED\u0007\u202e\u200b\u009b2J');
    mkdirSync(join(copy, 'bin'), { recursive: true });
    copyFileSync(binPath, join(copy, 'bin', 'clientfit.js'));
    copyFileSync(join(root, 'bin', 'package.json'), join(copy, 'bin', 'package.json'));
    const missing = spawnSyncCopy(join(copy, 'bin', 'clientfit.js'));
    mkdirSync(join(copy, 'dist'));
    writeFileSync(
      join(copy, 'dist', 'clientfit.cjs'),
      'throw new Error("\\u001b[2J\\u202egone\\u0085\\u{E0041}");\n',
    );
    const damaged = spawnSyncCopy(join(copy, 'bin', 'clientfit.js'));
    expect(missing.stderr).toMatch(
      /x\\u\{001B\}\]0;PWNED\\u\{0007\}\\u\{202E\}\\u\{200B\}\\u\{009B\}2J\/dist\/clientfit\.cjs is missing/,
    );
    expect(damaged.stderr).toMatch(
      /is damaged \(\\u\{001B\}\[2J\\u\{202E\}gone\\u\{0085\}\\u\{E0041\}\)/,
    );
    for (const r of [missing, damaged]) {
      expect(r.status).toBe(1);
      expect(r.stderr.trimEnd()).not.toMatch(
        // eslint-disable-next-line no-control-regex -- finding control characters is the point
        /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u200B\u202E\u{E0041}]/u,
      );
    }
  });
});

/** Runs a copy of the executable (runCli runs the project's own). */
function spawnSyncCopy(bin: string): { status: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [bin, '--version'], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...isolated() },
  });
  return { status: r.status, stderr: r.stderr };
}

describe('a process in an odd place', () => {
  const shell = (script: string, cwd: string): { status: number | null; stderr: string } => {
    const r = spawnSync('sh', ['-c', script], {
      cwd,
      env: {
        PATH: process.env.PATH ?? '',
        NO_COLOR: '1',
        ...isolated(),
        CLIENTFIT: `${process.execPath} ${binPath}`,
      },
      encoding: 'utf8',
    });
    return { status: r.status, stderr: r.stderr };
  };

  it.skipIf(!existsSync('/dev/full'))(
    'standard output on a full disk (/dev/full): exit 3 with the reason, no stack trace',
    () => {
      const r = shell('$CLIENTFIT questions > /dev/full', tempDir());
      expect(r.status).toBe(3);
      expect(r.stderr).toContain('cannot write to standard output: the disk is full');
      expectNoStackTrace(r.stderr);
    },
  );

  it('started in a folder that was deleted: exit 3, says so, no stack trace', () => {
    const parent = tempDir();
    mkdirSync(join(parent, 'gone'));
    const r = shell('cd gone && rmdir ../gone && exec $CLIENTFIT history', parent);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('the current folder no longer exists');
    expectNoStackTrace(r.stderr);
  });
});
