import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { binPath, root } from '../helpers/paths';
import { expectNoStackTrace, homeEnv, runCli } from '../helpers/run-cli';
import { tempDir } from '../helpers/temp';

// The attacks of issue 12 that are about files, folders and processes.

const sample = join(root, 'questions', 'samples', 'northwind-bakery.yaml');

/** A home of its own for each test: HOME and every XDG folder. */
function isolated(): Record<string, string> {
  return homeEnv(tempDir('clientfit-hardening-home-'));
}

/** Spawns the built binary without waiting, for runs that must overlap. */
function spawnCli(args: readonly string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [binPath, ...args], {
      cwd: root,
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

describe('files, folders and processes', () => {
  it('a store or cache on /proc is refused at once, never spun on', () => {
    const env = isolated();
    const r = runCli(['run', '--answers', sample, '--store', '/proc/clientfit-x'], { env, timeout: 15_000 });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(3);
    expect(r.stdout).toMatch(/TAKE|DECLINE|CONDITIONS|UNDECIDED/i);
    expect(r.stderr).toMatch(/cannot use \/proc\/clientfit-x as the record store: it is on proc/);
    expectNoStackTrace(r.stderr);
    const cache = runCli(['validate'], { env: { ...env, XDG_CACHE_HOME: '/proc/clientfit-c' }, timeout: 15_000 });
    expect(cache.signal).toBeNull();
    expect(cache.status).toBe(0);
    const sys = runCli(['run', '--answers', sample, '--store', '/sys/clientfit'], { env, timeout: 15_000 });
    expect(sys.status).toBe(3);
    expect(sys.stderr).toMatch(/sysfs/);
  });

  it('two resumes of one finished draft at once save one record, and the second says which', async () => {
    for (let round = 0; round < 3; round++) {
      const env = isolated();
      const store = join(env.HOME ?? '', 'store');
      const drafts = join(env.XDG_STATE_HOME ?? '', 'clientfit', 'drafts');
      mkdirSync(drafts, { recursive: true });
      const answers = {
        'request-source': { value: 'competitor' },
        'why-competitor': { value: 'light-bulb' },
      };
      const id = `2026-01-01T00-00-00-000Z-acme-${round}abcde`;
      writeFileSync(
        join(drafts, `${id}.json`),
        JSON.stringify({
          schemaVersion: 1,
          kind: 'clientfit-draft',
          bank: { id: 'three-degrees', path: join(root, 'questions', 'three-degrees'), contentHash: 'x' },
          prospect: 'Acme',
          startedAt: '2026-01-01T00:00:00.000Z',
          updatedAt: '2026-01-01T00:00:00.000Z',
          answers,
          complete: true,
        }),
      );
      const args = ['run', '--resume', id, '--store', store, '--allow-partial'];
      const both = await Promise.all([spawnCli(args, env), spawnCli(args, env)]);
      const records = readdirSync(store);
      expect(records).toHaveLength(1);
      const recordId = (records[0] ?? '').replace(/\.json$/, '');
      for (const r of both) {
        expect(r.status, r.stderr).toBe(0);
        expectNoStackTrace(r.stderr);
      }
      const saidSaved = both.filter((r) => r.stderr.includes(`Saved as record ${recordId}`));
      // The second either finished its assessment and lost the claim, or found the draft already saved when it began.
      const saidAlready = both.filter((r) => r.stderr.includes(`already saved as record ${recordId} by another clientfit`));
      expect([saidSaved.length, saidAlready.length]).toEqual([1, 1]);
      expect(readdirSync(drafts).filter((n) => !n.startsWith('.'))).toEqual([]);
      // A third resume, later: nothing to do, and it says where the assessment went.
      const later = runCli(args, { env });
      expect(later.status).toBe(0);
      expect(later.stderr).toContain(`already saved as record ${recordId}`);
    }
  });

  it('init names the reason a folder cannot be made, exit 3', () => {
    const env = isolated();
    const dir = tempDir();
    writeFileSync(join(dir, 'afile'), 'x');
    symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling'));
    const cases: [string, RegExp][] = [
      ['afile', /afile: it is a file, not a folder/],
      ['dangling', /dangling.*(symbolic link|broken symbolic link|does not exist)/],
      ['/dev/null/x', /\/dev\/null is not a folder/],
      ['/proc/clientfit-bank', /it is on proc/],
    ];
    for (const [target, message] of cases) {
      const r = runCli(['init', target], { env, cwd: dir, timeout: 15_000 });
      expect(r.status, `${target}: ${r.stderr}`).toBe(3);
      expect(r.stderr).toMatch(message);
      expectNoStackTrace(r.stderr);
    }
  });

  it('show on a truncated record exits 3, as the README says', () => {
    const env = isolated();
    const store = join(env.HOME ?? '', 'store');
    expect(runCli(['run', '--answers', sample, '--store', store], { env }).status).toBe(0);
    const [name] = readdirSync(store);
    const path = join(store, name ?? '');
    writeFileSync(path, readFileSync(path, 'utf8').slice(0, 200));
    const r = runCli(['show', (name ?? '').replace(/\.json$/, ''), '--store', store], { env });
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/cannot be shown: truncated/);
  });

  it('when the store and --output both fail, both are reported', () => {
    const env = isolated();
    const dir = tempDir();
    writeFileSync(join(dir, 'file'), 'x');
    const r = runCli(['run', '--answers', sample, '--store', join(dir, 'file'), '--output', join(dir, 'missing', 'report.txt')], { env });
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(
      /cannot write .*report\.txt: its folder does not exist; and the record was not saved either: cannot use .*file as the record store/,
    );
  });

  it('an answers file under /proc is read, not judged by its size', () => {
    const r = runCli(['run', '--answers', '/proc/self/status'], { env: isolated() });
    expect(r.status).toBe(3);
    expect(r.stderr).not.toMatch(/larger than/);
  });

  it('an empty or cut-off dist/clientfit.cjs is named, with the fix, and no stack trace', () => {
    for (const content of ['', readFileSync(join(root, 'dist', 'clientfit.cjs'), 'utf8').slice(0, 5000)]) {
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
});

/** Runs a copy of the executable (runCli runs the project's own). */
function spawnSyncCopy(bin: string): { status: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...isolated() } });
  return { status: r.status, stderr: r.stderr };
}

describe('a process in an odd place', () => {
  const shell = (script: string, cwd: string): { status: number | null; stderr: string } => {
    const r = spawnSync('sh', ['-c', script], {
      cwd,
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...isolated(), CLIENTFIT: `${process.execPath} ${binPath}` },
      encoding: 'utf8',
    });
    return { status: r.status, stderr: r.stderr };
  };

  it.skipIf(!existsSync('/dev/full'))('standard output on a full disk (/dev/full): exit 3 with the reason, no stack trace', () => {
    const r = shell('$CLIENTFIT questions > /dev/full', tempDir());
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('cannot write to standard output: the disk is full');
    expectNoStackTrace(r.stderr);
  });

  it('started in a folder that was deleted: exit 3, says so, no stack trace', () => {
    const parent = tempDir();
    mkdirSync(join(parent, 'gone'));
    const r = shell('cd gone && rmdir ../gone && exec $CLIENTFIT history', parent);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('the current folder no longer exists');
    expectNoStackTrace(r.stderr);
  });
});
