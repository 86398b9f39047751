import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  symlinkSync,
  watch,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { binPath, root } from '../helpers/paths';
import { expectNoStackTrace, homeEnv, isolatedEnv, runCli } from '../helpers/run-cli';
import { cli } from '../helpers/in-process';
import { tempDir } from '../helpers/temp';

// `forget` attacked: blank and partial names, copies of a record, damaged files, a held draft, symbolic links, signals.

const sample = (name: string) => join(root, 'questions', 'samples', name);

/** A home of its own (store, drafts, config) for one test, with records of the samples named. */
async function home(...samples: string[]): Promise<{
  env: Record<string, string>;
  store: string;
  drafts: string;
  ids: string[];
}> {
  const env = homeEnv(tempDir('clientfit-home-'));
  const ids: string[] = [];
  for (const s of samples) {
    const r = await cli(['run', '--answers', sample(s)], { env });
    expect(r.status, r.stderr).toBe(0);
    ids.push(/Saved as record (\S+) /.exec(r.stderr)?.[1] ?? 'no record');
  }
  return {
    env,
    store: join(env.XDG_DATA_HOME ?? '', 'clientfit', 'records'),
    drafts: join(env.XDG_STATE_HOME ?? '', 'clientfit', 'drafts'),
    ids,
  };
}

/** A draft file of an interview with `prospect`, correcting `corrects`. */
function writeDraft(
  drafts: string,
  id: string,
  prospect: string,
  corrects: string | null = null,
): string {
  mkdirSync(drafts, { recursive: true });
  const draft = {
    schemaVersion: 1,
    kind: 'clientfit-draft',
    bank: { id: 'three-degrees', path: join(root, 'questions', 'three-degrees'), contentHash: 'x' },
    prospect,
    ...(corrects === null ? {} : { corrects }),
    startedAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    answers: { request: { value: 'A logo' } },
    complete: false,
  };
  const path = join(drafts, `${id}.json`);
  writeFileSync(path, JSON.stringify(draft));
  return path;
}

describe('forget: what a name matches', () => {
  it('refuses a blank PROSPECT (exit 2) and removes nothing; show and outcome refuse a blank RECORD too', async () => {
    const { env, store } = await home('harbour-dental.yaml');
    for (const blank of ['', '   ', '\t']) {
      const r = await cli(['forget', blank, '--yes'], { env });
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/PROSPECT is empty: it names no one/);
      expectNoStackTrace(r.stderr);
      for (const args of [
        ['show', blank],
        ['outcome', blank, 'signed'],
        ['run', '--edit', blank, '--answer', 'notes=x'],
      ]) {
        const other = await cli(args, { env });
        expect(other.status, `${args.join(' ')}: ${other.stderr}`).toBe(2);
        expect(other.stderr).toMatch(/RECORD is empty: it names no record/);
      }
    }
    expect(readdirSync(store).filter((n) => n.endsWith('.json'))).toHaveLength(1);
  });

  it('matches the exact name (case, spaces and Unicode form aside), the slug or the id, never a part of a name', async () => {
    const { env, store } = await home('harbour-dental.yaml', 'northwind-bakery.yaml');
    const part = await cli(['forget', 'Harbour', '--yes'], { env });
    expect(part.status).toBe(2);
    expect(part.stderr).toMatch(/no record matches "Harbour"/);
    expect(readdirSync(store)).toHaveLength(2);
    // Part of a name still finds a record where nothing is removed.
    expect((await cli(['show', 'Harbour'], { env })).status).toBe(0);
    expect((await cli(['forget', 'harbour-dental', '--dry-run'], { env })).stdout).toMatch(
      /^Would forget Harbour Dental: would remove 1 record/,
    );
    expect((await cli(['forget', '  HARBOUR DENTAL ', '--dry-run'], { env })).stdout).toMatch(
      /^Would forget Harbour Dental/,
    );
    const cafe = await cli(
      ['run', '--answers', sample('fjord-instruments.yaml'), '--prospect', 'Café Nord'],
      { env },
    );
    expect(cafe.status, cafe.stderr).toBe(0);
    const decomposed = await cli(['forget', 'CAFE\u0301 NORD', '--yes'], { env });
    expect(decomposed.status, decomposed.stderr).toBe(0);
    expect(decomposed.stdout).toMatch(/^Forgot Café Nord: removed 1 record/);
    expect(readdirSync(store).filter((n) => n.endsWith('.json'))).toHaveLength(2);
  });
});

describe('forget: every file of the prospect', () => {
  it('removes every copy of a record, and files named for the prospect that cannot be read; others stay', async () => {
    const { env, store, ids } = await home('harbour-dental.yaml', 'northwind-bakery.yaml');
    const [id] = ids;
    copyFileSync(join(store, `${id}.json`), join(store, `${id} (conflicted copy).json`));
    copyFileSync(join(store, `${id}.json`), join(store, 'copy-of-harbour.json'));
    const cut = join(store, '20260101T000000Z-harbour-dental-0123abcd.json');
    writeFileSync(cut, '{"schemaVersion": 3, "kind": "clientfit-rec');
    mkdirSync(join(store, 'outcomes'));
    writeFileSync(
      join(
        store,
        'outcomes',
        '20260101T000000Z-harbour-dental-0123abcd.20260102T000000000Z-0123abcd.json',
      ),
      '{',
    );
    // Damaged too, but named for another prospect: not Harbour Dental's to remove.
    writeFileSync(join(store, '20260101T000000Z-harbour-dental-group-0123abcd.json'), '{');
    const r = await cli(['forget', 'Harbour Dental', '--yes'], { env });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^Forgot Harbour Dental: removed 4 records, 1 outcome change, 0 draft files\./,
    );
    expect(r.stdout).toMatch(
      /record {3}\S+harbour-dental-0123abcd\.json \(cannot be read \(truncated .*\); named for this prospect\)/,
    );
    expect(readdirSync(store).sort()).toEqual(
      [`${ids[1]}.json`, '20260101T000000Z-harbour-dental-group-0123abcd.json', 'outcomes'].sort(),
    );
    expect(readdirSync(join(store, 'outcomes'))).toEqual([]);
  });

  it('says which files could not be removed, lists what was, and exits 3', async () => {
    const { env, store } = await home('harbour-dental.yaml');
    // A folder with the name of a record of theirs: not a file, so it cannot be unlinked (even by root).
    mkdirSync(join(store, '20260101T000000Z-harbour-dental-0123abcd.json', 'inside'), {
      recursive: true,
    });
    const r = await cli(['forget', 'Harbour Dental', '--yes'], { env });
    expect(r.status, r.stderr).toBe(3);
    expect(r.stdout).toMatch(/^Removed 1 file of Harbour Dental:\n {2}record {3}\S+\.json\n$/);
    expect(r.stderr).toMatch(
      /1 file of Harbour Dental could not be removed: \S+harbour-dental-0123abcd\.json/,
    );
    expect(r.stdout).not.toMatch(/Forgot/);
    expectNoStackTrace(r.stderr);
  });

  it('refuses a draft held by a running interview (exit 3, naming it) and removes nothing', async () => {
    const { env, store, drafts } = await home('harbour-dental.yaml');
    const id = '2026-01-01T00-00-00-000Z-harbour-dental-abcdef';
    const draft = writeDraft(drafts, id, 'Harbour Dental');
    const lock = join(drafts, `.${id}.lock`);
    // This test's own process stands for the interview: alive, on this host.
    writeFileSync(
      lock,
      JSON.stringify({
        pid: process.pid,
        host: hostname(),
        since: new Date().toISOString(),
        nonce: 'x',
      }),
    );
    // A process of its own: the lock names the test runner, another process than this clientfit.
    for (const flag of ['--yes', '--dry-run']) {
      const r = runCli(['forget', 'Harbour Dental', flag], { env });
      expect(r.status, r.stderr).toBe(3);
      // A test runner, not a clientfit: said as much.
      expect(r.stderr).toContain(
        `the draft ${id} of Harbour Dental is locked by process ${process.pid} (which may not be clientfit) on ${hostname()}`,
      );
      expect(r.stderr).toMatch(/finish that interview \(or stop it\), then run forget again/);
    }
    expect(readdirSync(store)).toHaveLength(1);
    expect(existsSync(draft) && existsSync(lock)).toBe(true);
  });

  it('labels a draft matched by the prospect name alone (one correcting a record of another store)', async () => {
    const { env, drafts } = await home('harbour-dental.yaml');
    writeDraft(
      drafts,
      '2026-01-01T00-00-00-000Z-harbour-dental-abcdef',
      'Harbour Dental',
      '20250101T000000Z-harbour-dental-feedbeef',
    );
    const r = await cli(['forget', 'Harbour Dental', '--yes'], { env });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/draft {4}\S+harbour-dental-abcdef\.json \(prospect name match\)\n/);
    expect(readdirSync(drafts)).toEqual([]);
  });

  it('does not follow a symbolic link to a folder: what is behind it stays, and forget says so (exit 3)', async () => {
    const { env, store, ids } = await home('harbour-dental.yaml');
    const elsewhere = tempDir();
    const kept = join(elsewhere, `${ids[0] ?? ''}.20260102T000000000Z-0123abcd.json`);
    writeFileSync(kept, '{}');
    symlinkSync(elsewhere, join(store, 'outcomes'));
    const r = await cli(['forget', 'Harbour Dental', '--yes'], { env });
    expect(r.status, r.stderr).toBe(3);
    expect(r.stdout).toMatch(/^Removed 1 file of Harbour Dental:/);
    expect(r.stderr).toMatch(
      /not looked into: \S+outcomes \(it is a symbolic link \(to \S+\), which forget does not follow\)/,
    );
    expect(existsSync(kept)).toBe(true);
    expect(readdirSync(store)).toEqual(['outcomes']);
  });
});

describe('forget stopped by a signal', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    '%s: says what it removed and that the same command finishes; it does (exit %i)',
    async (signal, code) => {
      const { env, store, ids } = await home('harbour-dental.yaml');
      mkdirSync(join(store, 'outcomes'));
      for (let i = 0; i < 3000; i++)
        writeFileSync(
          join(
            store,
            'outcomes',
            `${ids[0] ?? ''}.20260102T${String(i).padStart(9, '0')}Z-0123abcd.json`,
          ),
          '{}',
        );
      const child = spawn(process.execPath, [binPath, 'forget', 'Harbour Dental', '--yes'], {
        env: { ...isolatedEnv(), ...env, NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      // The first file removed: the signal now falls in the middle of the removals.
      const watcher = watch(join(store, 'outcomes'), () => {
        child.kill(signal);
      });
      const status = await new Promise<number | null>((done) => {
        child.on('close', done);
      });
      watcher.close();
      expect(status, stderr).toBe(code);
      expect(stderr).toMatch(
        new RegExp(
          `forget stopped by ${signal} after removing \\d+ of 3001 files of Harbour Dental:\\n {2}(outcome|and perhaps)`,
        ),
      );
      expect(stderr).toMatch(
        /Run `clientfit forget 'Harbour Dental' --yes` again to remove the rest\./,
      );
      expect(readdirSync(store)).toContain(`${ids[0] ?? ''}.json`);
      const again = await cli(['forget', 'Harbour Dental', '--yes'], { env });
      expect(again.status, again.stderr).toBe(0);
      expect(readdirSync(store)).toEqual(['outcomes']);
      expect(readdirSync(join(store, 'outcomes'))).toEqual([]);
    },
    30_000,
  );
});
