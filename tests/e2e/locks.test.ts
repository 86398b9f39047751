import { spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../helpers/paths';
import { describePty, startPty } from '../helpers/pty';
import { expectNoStackTrace, homeEnv, runCli } from '../helpers/run-cli';
import { started, type Ended } from '../helpers/started';
import { tempDir } from '../helpers/temp';

// Issue 20: one lock per draft, one record for identical runs at once, no temporary file left for good.

const sample = join(root, 'questions', 'samples', 'northwind-bakery.yaml');

/** A home of its own, with the paths of its store and drafts folder. */
function home(): { env: Record<string, string>; store: string; drafts: string } {
  const env = homeEnv(tempDir('clientfit-locks-home-'));
  return {
    env,
    store: join(env.HOME ?? '', 'store'),
    drafts: join(env.XDG_STATE_HOME ?? '', 'clientfit', 'drafts'),
  };
}

/** A finished draft of the shipped bank, ready to be resumed and saved. */
function finishedDraft(drafts: string, id: string): string {
  mkdirSync(drafts, { recursive: true });
  const path = join(drafts, `${id}.json`);
  const draft = {
    schemaVersion: 1,
    kind: 'clientfit-draft',
    bank: { id: 'three-degrees', path: join(root, 'questions', 'three-degrees'), contentHash: 'x' },
    prospect: 'Acme',
    startedAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    answers: {
      'request-source': { value: 'competitor' },
      'why-competitor': { value: 'light-bulb' },
    },
    complete: true,
  };
  writeFileSync(path, JSON.stringify(draft));
  return path;
}

/** The id of a process that has ended. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid;
}

/** The answer to outcome-owner in each record of the store. */
function ownersRecorded(store: string): string[] {
  if (!existsSync(store)) return [];
  return readdirSync(store)
    .filter((n) => n.endsWith('.json'))
    .map((n) => {
      const record = JSON.parse(readFileSync(join(store, n), 'utf8')) as {
        answers: Record<string, { value: unknown }>;
      };
      return String(record.answers['outcome-owner']?.value);
    });
}

describe('identical runs at the same moment', () => {
  it('30 parallel `run --answers` of one prospect save one record; the others say which', async () => {
    const { env, store } = home();
    const runs = await Promise.all(
      Array.from({ length: 30 }, () =>
        started(['run', '--answers', sample, '--store', store], env),
      ),
    );
    const records = readdirSync(store).filter((n) => !n.startsWith('.'));
    expect(records).toHaveLength(1);
    const id = (records[0] ?? '').replace(/\.json$/, '');
    for (const r of runs) {
      expect(r.status, r.stderr).toBe(0);
      expectNoStackTrace(r.stderr);
    }
    expect(runs.filter((r) => r.stderr.includes(`Saved as record ${id}`))).toHaveLength(1);
    expect(runs.filter((r) => r.stderr.includes(`Already recorded as record ${id}`))).toHaveLength(
      29,
    );
    // Nothing hidden is left in the store: no lock, no temporary file.
    expect(readdirSync(store)).toEqual(records);
  }, 120_000);

  it('a store lock left by a clientfit that was killed does not stop the next save', () => {
    const { env, store } = home();
    mkdirSync(store, { recursive: true });
    writeFileSync(
      join(store, '.clientfit-store.lock'),
      JSON.stringify({ pid: deadPid(), host: hostname(), since: new Date().toISOString() }),
    );
    const r = runCli(['run', '--answers', sample, '--store', store], { env });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/Saved as record /);
    expect(readdirSync(store).filter((n) => n.startsWith('.'))).toEqual([]);
  });
});

describe('something else in the place of the store lock', () => {
  it('a symlink (10 runs at once) or a folder: every save refused with exit 3 naming it, no record, nothing followed', async () => {
    const { env, store } = home();
    mkdirSync(store, { recursive: true });
    const lock = join(store, '.clientfit-store.lock');
    symlinkSync(join(store, 'nowhere'), lock);
    const runs = await Promise.all(
      Array.from({ length: 10 }, () =>
        started(['run', '--answers', sample, '--store', store], env),
      ),
    );
    for (const r of runs) {
      expect(r.status, r.stderr).toBe(3);
      expect(r.stderr).toContain(
        `the lock file of the record store ${store}, ${lock}, is a symbolic link, not a lock clientfit made`,
      );
      expectNoStackTrace(r.stderr);
    }
    expect(readdirSync(store)).toEqual(['.clientfit-store.lock']);
    rmSync(lock);
    mkdirSync(lock);
    const r = runCli(['run', '--answers', sample, '--store', store], { env });
    expect(r.status).toBe(3);
    expect(r.stderr).toContain(`${lock}, is a folder, not a lock clientfit made`);
    expect(readdirSync(store)).toEqual(['.clientfit-store.lock']);
  }, 120_000);
});

describe('one draft, held by one clientfit', () => {
  it('two resumes finishing at once with different answers, 16 tries: no answer set is dropped with exit 0', async () => {
    for (let round = 0; round < 16; round++) {
      const { env, store, drafts } = home();
      const id = `2026-01-01T00-00-00-000Z-acme-race${round.toString(16).padStart(2, '0')}`;
      finishedDraft(drafts, id);
      const resume = (owner: string): Promise<Ended> =>
        started(
          [
            'run',
            '--resume',
            id,
            '--store',
            store,
            '--allow-partial',
            '--answer',
            `outcome-owner=${owner}`,
          ],
          env,
        );
      // Two values the bank has under these names (3.0.0 reads an old `ours` as `ours-insisted`).
      const [ours, theirs] = await Promise.all([resume('shared'), resume('theirs')]);
      const recorded = ownersRecorded(store);
      for (const [owner, r] of [
        ['shared', ours],
        ['theirs', theirs],
      ] as const) {
        expectNoStackTrace(r.stderr);
        if (r.status === 0) expect(recorded, `round ${round}: ${r.stderr}`).toContain(owner);
        // Not taken: the draft was held by the other (exit 3), or saved and gone before this one looked (exit 2); either is said.
        else
          expect(r.stderr, `round ${round}`).toMatch(
            /is in use by another clientfit \(process \d+ on |no draft matches|was saved or discarded by another/,
          );
      }
      expect(recorded).toHaveLength([ours, theirs].filter((r) => r.status === 0).length);
      expect(recorded.length).toBeGreaterThanOrEqual(1);
      // The draft is done with, and its lock is gone.
      expect(readdirSync(drafts)).toEqual([]);
    }
  }, 180_000);

  it('a second resume of a held draft stops at once (exit 3), naming who holds it; --take-over does not take it from a live process', () => {
    const { env, store, drafts } = home();
    const id = '2026-01-01T00-00-00-000Z-acme-held01';
    const draft = finishedDraft(drafts, id);
    // This test's own process holds it: alive, on this host, and not a clientfit.
    const since = new Date(Date.now() - 60_000).toISOString();
    const lock = join(drafts, `.${id}.lock`);
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), since }));
    const args = ['run', '--resume', id, '--store', store, '--allow-partial'];
    const r = runCli(args, { env });
    expect(r.status).toBe(3);
    expect(r.stdout).toBe('');
    const when = `${since.slice(0, 10)} ${since.slice(11, 19)} UTC`;
    expect(r.stderr).toContain(
      `the draft ${id} is locked by process ${process.pid} (which may not be clientfit) on ${hostname()}, since ${when}`,
    );
    expect(r.stderr).toContain('stop it (Ctrl+C there keeps its answers)');
    expectNoStackTrace(r.stderr);
    expect(existsSync(store)).toBe(false);
    expect(existsSync(draft)).toBe(true);
    // Discarding it is refused too: the draft is not pulled from under its clientfit.
    const discard = runCli(['drafts', '--discard', id], { env });
    expect(discard.status).toBe(3);
    expect(existsSync(draft)).toBe(true);
    // --take-over is refused while the holder runs here: two interviews of one draft would follow.
    const refused = runCli([...args, '--take-over'], { env });
    expect(refused.status).toBe(3);
    expect(refused.stderr).toContain(
      `the draft ${id} is still held by a running process of this machine (process ${process.pid}`,
    );
    expect(refused.stderr).toContain(`finish or stop the interview in process ${process.pid}`);
    expect(existsSync(store)).toBe(false);
    expect(readFileSync(lock, 'utf8')).toContain(`"pid":${process.pid}`);
    // Held from another machine, it is taken: saved, the draft and the lock gone.
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: `not-${hostname()}`, since }));
    const taken = runCli([...args, '--take-over'], { env });
    expect(taken.status, taken.stderr).toBe(0);
    expect(taken.stderr).toMatch(/Saved as record /);
    expect(readdirSync(drafts)).toEqual([]);
    expect(readdirSync(store)).toHaveLength(1);
  });

  it('an empty or garbage lock (a crash right after making it) holds the draft for 10 seconds, not 12 hours', () => {
    const { env, store, drafts } = home();
    for (const [n, text] of ['', 'garbage', '{"pid":"x"}'].entries()) {
      const id = `2026-01-01T00-00-00-000Z-acme-empty${n}`;
      finishedDraft(drafts, id);
      const lock = join(drafts, `.${id}.lock`);
      writeFileSync(lock, text);
      // A store per case: the same answers in one store would be "Already recorded".
      const args = ['run', '--resume', id, '--store', join(store, String(n)), '--allow-partial'];
      const fresh = runCli(args, { env });
      expect(fresh.status).toBe(3);
      expect(fresh.stderr).toContain(
        `the draft ${id} is in use by another clientfit (an unknown process, since `,
      );
      // 11 seconds old: no live holder writes a lock that way, so it is stale.
      const old = new Date(Date.now() - 11_000);
      utimesSync(lock, old, old);
      const r = runCli(args, { env });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/Saved as record /);
      expect(existsSync(lock)).toBe(false);
    }
  });

  it('--take-over goes with --resume', () => {
    const r = runCli(['run', '--answers', sample, '--take-over'], { env: home().env });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--take-over goes with --resume');
  });

  it('a lock left by a clientfit that was killed (its process gone) is taken over by the next resume', () => {
    const { env, store, drafts } = home();
    const id = '2026-01-01T00-00-00-000Z-acme-dead01';
    finishedDraft(drafts, id);
    writeFileSync(
      join(drafts, `.${id}.lock`),
      JSON.stringify({ pid: deadPid(), host: hostname(), since: new Date().toISOString() }),
    );
    const r = runCli(['run', '--resume', id, '--store', store, '--allow-partial'], { env });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/Saved as record /);
    expect(readdirSync(drafts)).toEqual([]);
  });

  it('killed after its record was saved, before its draft was deleted: the next resume says "already recorded" and deletes it', () => {
    const { env, store, drafts } = home();
    const id = '2026-01-01T00-00-00-000Z-acme-dead02';
    const draft = finishedDraft(drafts, id);
    const copy = readFileSync(draft);
    const args = ['run', '--resume', id, '--store', store, '--allow-partial'];
    expect(runCli(args, { env }).status).toBe(0);
    const [record] = readdirSync(store);
    // What a kill between the two leaves: the record, the draft, and the lock of a process that is gone.
    writeFileSync(draft, copy);
    writeFileSync(
      join(drafts, `.${id}.lock`),
      JSON.stringify({ pid: deadPid(), host: hostname(), since: new Date().toISOString() }),
    );
    const again = runCli(args, { env });
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toContain(
      `Already recorded as record ${(record ?? '').replace(/\.json$/, '')}`,
    );
    expect(readdirSync(store)).toEqual([record]);
    expect(readdirSync(drafts)).toEqual([]);
  });

  it('a folder or a symlink in the place of a draft lock stops the resume at once (exit 3), naming it; nothing is followed', () => {
    const { env, store, drafts } = home();
    const target = join(drafts, 'target-of-link');
    for (const kind of ['folder', 'symlink', 'dangling']) {
      const id = `2026-01-01T00-00-00-000Z-acme-${kind}`;
      const draft = finishedDraft(drafts, id);
      const lock = join(drafts, `.${id}.lock`);
      if (kind === 'folder') mkdirSync(lock);
      else if (kind === 'symlink') {
        writeFileSync(target, 'not a lock');
        symlinkSync(target, lock);
      } else symlinkSync(join(drafts, 'nowhere'), lock);
      for (const extra of [[], ['--take-over']]) {
        const r = runCli(['run', '--resume', id, '--store', store, '--allow-partial', ...extra], {
          env,
        });
        expect(r.status).toBe(3);
        expect(r.stdout).toBe('');
        const what = kind === 'folder' ? 'a folder' : 'a symbolic link';
        expect(r.stderr).toContain(
          `the lock file of the draft ${id}, ${lock}, is ${what}, not a lock clientfit made`,
        );
        expectNoStackTrace(r.stderr);
      }
      expect(existsSync(store) ? readdirSync(store) : []).toEqual([]);
      expect(existsSync(draft)).toBe(true);
      expect(lstatSync(lock).isSymbolicLink() || lstatSync(lock).isDirectory()).toBe(true);
    }
    expect(readFileSync(target, 'utf8')).toBe('not a lock');
    expect(existsSync(join(drafts, 'nowhere'))).toBe(false);
  });
});

describe('temporary files left by a kill', () => {
  it('are removed on the next write to their folder; those of a running process are left alone', () => {
    const { env, store, drafts } = home();
    const outcomes = join(store, 'outcomes');
    mkdirSync(outcomes, { recursive: true });
    mkdirSync(drafts, { recursive: true });
    const dead = deadPid();
    const leftovers = [
      join(store, `.20260101T000000Z-acme-0badf00d.json.${dead}.0123456789ab.tmp`),
      join(outcomes, `.20260101T000000Z-acme-0badf00d.1a2b3c4d.json.${dead}.0123456789ab.tmp`),
      join(drafts, `.2026-01-01T00-00-00-000Z-acme-abcdef.json.${dead}.ba9876543210.tmp`),
    ];
    const live = join(
      store,
      `.20260101T000000Z-acme-0badf00d.json.${process.pid}.0123456789ab.tmp`,
    );
    for (const path of [...leftovers, live]) writeFileSync(path, '{"half": ');
    // Old, as a leftover would be (the age does not decide; the process does).
    for (const path of leftovers) utimesSync(path, new Date('2026-01-01'), new Date('2026-01-01'));
    const r = runCli(['run', '--answers', sample, '--store', store], { env });
    expect(r.status, r.stderr).toBe(0);
    const id = (readdirSync(store).find((n) => n.endsWith('.json')) ?? '').replace(/\.json$/, '');
    expect(runCli(['outcome', id, 'signed', '--store', store], { env }).status).toBe(0);
    finishedDraft(drafts, '2026-01-01T00-00-00-000Z-acme-fedcba');
    expect(
      runCli(
        ['run', '--resume', '2026-01-01T00-00-00-000Z-acme-fedcba', '--no-save', '--allow-partial'],
        { env },
      ).status,
    ).toBe(0);
    for (const path of leftovers) expect(existsSync(path), path).toBe(false);
    expect(existsSync(live)).toBe(true);
  });
});

describePty('an interview in a real terminal holds its draft', () => {
  it('a resume of it elsewhere stops at once, naming its process; once it is stopped, the draft resumes', async () => {
    const { env, store, drafts } = home();
    const session = startPty(['run', '--prospect', 'Held Ltd', '--store', store], env);
    // The first question is on screen: the name is saved in a draft, and the draft is held.
    await session.waitFor('? ');
    const [name] = readdirSync(drafts).filter((n) => n.endsWith('.json'));
    const id = (name ?? '').replace(/\.json$/, '');
    const second = runCli(['run', '--resume', id, '--store', store, '--allow-partial'], { env });
    expect(second.status).toBe(3);
    expect(second.stderr).toContain(
      `the draft ${id} is in use by another clientfit (process ${session.pid} on ${hostname()}, since `,
    );
    session.kill('SIGTERM');
    expect((await session.exited()).exitCode).toBe(143);
    // Stopped by a signal, it gave the draft up: no lock is left, and the draft resumes.
    expect(readdirSync(drafts)).toEqual([name]);
    const resumed = runCli(['run', '--resume', id, '--store', store, '--allow-partial'], { env });
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(readdirSync(drafts)).toEqual([]);
  });
});
