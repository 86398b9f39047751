import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/report/report-schema';
import { root } from '../helpers/paths';
import { describePty, keys, startPty } from '../helpers/pty';
import { expectNoStackTrace, homeEnv, runCli } from '../helpers/run-cli';
import { cli } from '../helpers/in-process';
import { started } from '../helpers/started';
import { tempDir } from '../helpers/temp';

const samples = readdirSync(join(root, 'questions', 'samples')).filter((n) => n.endsWith('.yaml'));
const sample = (name: string) => join(root, 'questions', 'samples', name);

/** A home of its own (store, drafts, config) for one test. */
function home(): { env: Record<string, string>; store: string; drafts: string } {
  const env = homeEnv(tempDir('clientfit-home-'));
  return {
    env,
    store: join(env.XDG_DATA_HOME ?? '', 'clientfit', 'records'),
    drafts: join(env.XDG_STATE_HOME ?? '', 'clientfit', 'drafts'),
  };
}

/** What a verdict is: the recommendation, degree, fit and confidence, and whose it is. */
const verdict = (r: Report) => ({
  recommendation: r.recommendation,
  degree: r.degree.id,
  fit: r.fit?.level,
  confidence: r.confidence,
  prospect: r.prospect,
});

/** Every file under a folder, with its path and text. */
function filesUnder(dir: string): { path: string; text: string }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => ({
      path: join(e.parentPath, e.name),
      text: readFileSync(join(e.parentPath, e.name), 'utf8'),
    }));
}

describe('show --format answers', () => {
  it.each(samples)(
    '%s: run, show --format answers, run --answers gives the same verdict, notes and name',
    async (name) => {
      const { env } = home();
      const first = await cli(['run', '--answers', sample(name), '--json'], { env });
      expect(first.status, first.stderr).toBe(0);
      const id = /Saved as record (\S+) /.exec(first.stderr)?.[1] ?? 'no record';
      const shown = await cli(['show', id, '--format', 'answers'], { env });
      expect(shown.status, shown.stderr).toBe(0);
      const file = join(tempDir(), 'answers.yaml');
      writeFileSync(file, shown.stdout);
      const again = await cli(['run', '--answers', file, '--json', '--no-save'], { env });
      expect(again.status, again.stderr).toBe(0);
      const before = JSON.parse(first.stdout) as Report;
      const after = JSON.parse(again.stdout) as Report;
      expect(verdict(after)).toEqual(verdict(before));
      expect(after.evidence.map((e) => e.note)).toEqual(before.evidence.map((e) => e.note));
      // The whole report, apart from the time it was made, is the same.
      expect({ ...after, assessedAt: '' }).toEqual({ ...before, assessedAt: '' });
    },
  );

  it('is refused with --brief, with the flag named', async () => {
    const { env } = home();
    await cli(['run', '--answers', sample('northwind-bakery.yaml')], { env });
    const r = await cli(['show', 'Northwind Bakery', '--format', 'answers', '--brief'], { env });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--brief .* cannot be combined with --format answers/);
  });
});

describe('run --edit without a terminal', () => {
  it('saves a correction naming the record; history lists it in its place with the outcome recorded before', async () => {
    const { env, store } = home();
    const first = await cli(['run', '--answers', sample('northwind-bakery.yaml'), '--json'], {
      env,
    });
    const original = /Saved as record (\S+) /.exec(first.stderr)?.[1] ?? 'no record';
    expect((await cli(['outcome', original, 'signed'], { env })).status).toBe(0);
    const edited = await cli(
      ['run', '--edit', 'Northwind Bakery', '--answer', 'needs-endorsement=no', '--json'],
      { env },
    );
    expect(edited.status, edited.stderr).toBe(0);
    expect(edited.stderr).toContain(`correcting ${original}`);
    const scripted = await cli(
      [
        'run',
        '--answers',
        sample('northwind-bakery.yaml'),
        '--answer',
        'needs-endorsement=no',
        '--json',
        '--no-save',
      ],
      { env },
    );
    expect(verdict(JSON.parse(edited.stdout) as Report)).toEqual(
      verdict(JSON.parse(scripted.stdout) as Report),
    );
    const correction = /Saved as record (\S+),/.exec(edited.stderr)?.[1] ?? 'no record';
    const saved = JSON.parse(readFileSync(join(store, `${correction}.json`), 'utf8')) as {
      corrects: string;
      schemaVersion: number;
    };
    expect(saved.corrects).toBe(original);

    const history = await cli(['history', '--json'], { env });
    const rows = (
      JSON.parse(history.stdout) as {
        records: { id: string; outcome: string | null; corrects: string | null }[];
      }
    ).records;
    expect(rows).toEqual([
      expect.objectContaining({ id: correction, outcome: 'signed', corrects: original }),
    ]);
    expect((await cli(['history'], { env })).stdout).toContain(`↳ corrects ${original}`);
    // The prospect's name means the correction; its outcomes include the one recorded against the old record.
    expect((await cli(['outcome', 'Northwind Bakery', 'went-well'], { env })).stdout).toMatch(
      /before, it was signed/,
    );
    const calibrated = JSON.parse((await cli(['calibrate', '--json'], { env })).stdout) as {
      records: number;
    };
    expect(calibrated.records).toBe(1);
    // A correction of the correction: still one row, and the outcomes of the whole chain.
    const twice = await cli(
      ['run', '--edit', 'Northwind Bakery', '--answer', 'notes=Third look.'],
      {
        env,
      },
    );
    expect(twice.stderr).toContain(`correcting ${correction}`);
    const latest = (
      JSON.parse((await cli(['history', '--json'], { env })).stdout) as {
        records: { corrects: string; outcome: string }[];
      }
    ).records;
    expect(latest).toEqual([
      expect.objectContaining({ corrects: correction, outcome: 'went-well' }),
    ]);
    expect((await cli(['outcome', 'Northwind Bakery'], { env })).stdout).toMatch(
      /Outcome: went-well[\s\S]*signed/,
    );
  });

  it('a correction that changes nothing saves nothing; --edit with --answers is refused', async () => {
    const { env, store } = home();
    await cli(['run', '--answers', sample('fjord-instruments.yaml')], { env });
    const same = await cli(
      ['run', '--edit', 'Fjord', '--answer', 'notes=Quiet, precise people; a long-term client.'],
      { env },
    );
    const unchanged = await cli(['run', '--edit', 'Fjord', '--answer', 'mistakes=unknown'], {
      env,
    });
    expect(same.status).toBe(0);
    expect(unchanged.status).toBe(0);
    const count = readdirSync(store).filter((n) => n.endsWith('.json')).length;
    const again = await cli(
      ['run', '--edit', 'Fjord Instruments', '--answer', 'mistakes=unknown'],
      {
        env,
      },
    );
    expect(again.status).toBe(0);
    expect(again.stderr).toMatch(/Nothing changed: .* no correction saved/);
    expect(readdirSync(store).filter((n) => n.endsWith('.json'))).toHaveLength(count);
    const both = await cli(
      ['run', '--edit', 'Fjord', '--answers', sample('fjord-instruments.yaml')],
      {
        env,
      },
    );
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(
      /--edit reopens a saved record: it cannot be combined with --answers/,
    );
    expectNoStackTrace(both.stderr);
  });
});

/** The record files of a store. */
const recordsIn = (store: string): string[] =>
  readdirSync(store).filter((n) => n.endsWith('.json'));

describe('corrections never fork', () => {
  it('editing a corrected record edits the latest of its chain, and says so', async () => {
    const { env, store } = home();
    const first = await cli(['run', '--answers', sample('fjord-instruments.yaml')], { env });
    const original = /Saved as record (\S+) /.exec(first.stderr)?.[1] ?? 'no record';
    const one = await cli(['run', '--edit', original, '--answer', 'needs-endorsement=yes'], {
      env,
    });
    const correction = /Saved as record (\S+),/.exec(one.stderr)?.[1] ?? 'no record';
    const two = await cli(['run', '--edit', original, '--answer', 'notes=Second look.'], { env });
    expect(two.status, two.stderr).toBe(0);
    expect(two.stderr).toContain(`${original} was corrected by ${correction}; editing that.`);
    expect(two.stderr).toContain(`correcting ${correction}`);
    const rows = (
      JSON.parse((await cli(['history', '--json'], { env })).stdout) as {
        records: { corrects: string }[];
      }
    ).records;
    expect(rows).toEqual([expect.objectContaining({ corrects: correction })]);
    // Both changes are in the latest record: the second edit started from the first.
    const latestId = /Saved as record (\S+),/.exec(two.stderr)?.[1] ?? 'no record';
    const latest = JSON.parse(readFileSync(join(store, `${latestId}.json`), 'utf8')) as {
      answers: Record<string, { value: unknown }>;
    };
    expect(latest.answers['needs-endorsement']?.value).toBe('yes');
    expect(latest.answers.notes?.value).toBe('Second look.');
    expect((await cli(['outcome', 'Fjord', 'signed'], { env })).status).toBe(0);
    expect(
      (JSON.parse((await cli(['calibrate', '--json'], { env })).stdout) as { records: number })
        .records,
    ).toBe(1);
  });

  it('15 identical edits at once save one correction; the others say nothing changed', async () => {
    const { env, store } = home();
    expect(
      (await cli(['run', '--answers', sample('fjord-instruments.yaml')], { env })).status,
    ).toBe(0);
    const runs = await Promise.all(
      Array.from({ length: 15 }, () =>
        started(['run', '--edit', 'Fjord', '--answer', 'needs-endorsement=yes'], env),
      ),
    );
    for (const r of runs) {
      expect(r.status, r.stderr).toBe(0);
      expectNoStackTrace(r.stderr);
    }
    expect(recordsIn(store)).toHaveLength(2);
    expect(runs.filter((r) => r.stderr.includes('Saved as record'))).toHaveLength(1);
    expect(
      runs.filter((r) => /Nothing changed: .* no correction saved/.test(r.stderr)),
    ).toHaveLength(14);
    expect(
      (JSON.parse((await cli(['history', '--json'], { env })).stdout) as { records: unknown[] })
        .records,
    ).toHaveLength(1);
  }, 120_000);
});

describe('run --edit: what it says without a terminal', () => {
  it('with no --answer it is refused at once (exit 2), before any report', async () => {
    const { env, store } = home();
    await cli(['run', '--answers', sample('fjord-instruments.yaml')], { env });
    const r = runCli(['run', '--edit', 'Fjord'], { env, input: '' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/--edit without a terminal needs --answer flags/);
    expect(r.stderr).not.toMatch(/Nothing changed/);
    expect(recordsIn(store)).toHaveLength(1);
  });

  it('missing answers are asked for as --answer flags, never as an --answers file', async () => {
    const { env } = home();
    await cli(['run', '--answers', sample('fjord-instruments.yaml')], { env });
    const r = await cli(['run', '--edit', 'Fjord', '--answer', 'needs-endorsement='], { env });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no answer, and there is no terminal to ask them: needs-endorsement/);
    expect(r.stderr).toMatch(/give them with --answer id=value/);
    expect(r.stderr).not.toMatch(/--answers/);
  });
});

describe('show --format answers of an old record', () => {
  it('writes renamed values under their new names and leaves out, as comments, what the bank no longer takes', async () => {
    const { env } = home();
    const store = join(tempDir('clientfit-v1-'), 'records');
    cpSync(join(root, 'tests', 'fixtures', 'store-v1'), store, { recursive: true });
    const shown = await cli(['show', 'Copperline', '--format', 'answers', '--store', store], {
      env,
    });
    expect(shown.status, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(
      /^# Left out, as the bank three-degrees \S+ no longer accepts them: last-agency\.$/m,
    );
    expect(shown.stdout).toMatch(/^ {2}accepts-process: \{ value: "impatient", /m); // recorded as "no"
    expect(shown.stdout).toMatch(
      /^# {2}last-agency: \{ value: "blamed", note: "All three agencies we had were useless\." \}$/m,
    );
    const file = join(tempDir(), 'answers.yaml');
    writeFileSync(file, shown.stdout);
    // Nothing in the file is refused: only the left-out answer is missing, and says so.
    const strict = await cli(['run', '--answers', file, '--no-save'], { env });
    expect(strict.status).toBe(2);
    expect(strict.stderr).toMatch(/1 required question has no answer, .*: last-agency/);
    const given = await cli(
      ['run', '--answers', file, '--answer', 'last-agency=blamed-every', '--no-save', '--json'],
      { env },
    );
    expect(given.status, given.stderr).toBe(0);
    expect((JSON.parse(given.stdout) as Report).prospect).toBe('Copperline Logistics');
  });

  it.each(readdirSync(join(root, 'tests', 'fixtures', 'store-v1')))(
    '%s: the file runs with --allow-partial',
    async (name) => {
      const { env } = home();
      const store = join(tempDir('clientfit-v1-'), 'records');
      cpSync(join(root, 'tests', 'fixtures', 'store-v1'), store, { recursive: true });
      const shown = await cli(
        ['show', name.replace(/\.json$/, ''), '--format', 'answers', '--store', store],
        { env },
      );
      const file = join(tempDir(), 'answers.yaml');
      writeFileSync(file, shown.stdout);
      const r = await cli(['run', '--answers', file, '--allow-partial', '--no-save'], { env });
      expect(r.status, `${shown.stdout}\n${r.stderr}`).toBe(0);
    },
  );
});

describePty('run --edit stopped at the review', () => {
  it("keeps the record's answers in its draft; the resumed edit opens on the review and, unchanged, saves nothing", async () => {
    const { env, store, drafts } = home();
    const first = await cli(['run', '--answers', sample('fjord-instruments.yaml')], { env });
    const original = /Saved as record (\S+) /.exec(first.stderr)?.[1] ?? 'no record';
    const recorded = (
      JSON.parse(readFileSync(join(store, `${original}.json`), 'utf8')) as {
        answers: Record<string, unknown>;
      }
    ).answers;
    const edit = startPty(['run', '--edit', 'Fjord'], env);
    await edit.waitFor('? Review: ');
    edit.kill('SIGHUP');
    expect((await edit.exited()).exitCode).toBe(129);
    const [name] = existsSync(drafts) ? readdirSync(drafts) : [];
    const draft = JSON.parse(readFileSync(join(drafts, name ?? 'none'), 'utf8')) as {
      answers: unknown;
      corrects: string;
    };
    expect(draft.corrects).toBe(original);
    expect(draft.answers).toEqual(recorded);

    const resumed = startPty(['run', '--resume'], env);
    await resumed.waitFor('? Review: ');
    resumed.write(keys.enter);
    // Read before the exit: node-pty drops what is still unread 200 ms after the process ends.
    await resumed.waitFor(/Nothing changed: .* no correction saved/);
    expect((await resumed.exited()).exitCode, resumed.screen().slice(-1500)).toBe(0);
    expect(recordsIn(store)).toEqual([`${original}.json`]);
    expect(readdirSync(drafts)).toEqual([]);
  });
});

describe('forget', () => {
  it('lists with --dry-run, refuses without a terminal or --yes (exit 2), then removes every file naming the prospect', async () => {
    const { env, store, drafts } = home();
    for (const name of samples)
      expect((await cli(['run', '--answers', sample(name)], { env })).status).toBe(0);
    const second = await cli(
      ['run', '--answers', sample('northwind-bakery.yaml'), '--answer', 'notes=Second call.'],
      { env },
    );
    const id = /Saved as record (\S+) /.exec(second.stderr)?.[1] ?? 'no record';
    expect((await cli(['outcome', id, 'signed'], { env })).status).toBe(0);
    // A correction that renamed the prospect goes with them.
    expect(
      (
        await cli(
          [
            'run',
            '--edit',
            'Northwind Bakery',
            '--answer',
            'needs-endorsement=no',
            '--prospect',
            'Northwind Bakery Ltd',
          ],
          { env },
        )
      ).status,
    ).toBe(0);
    mkdirSync(drafts, { recursive: true });
    const draft = {
      schemaVersion: 1,
      kind: 'clientfit-draft',
      bank: {
        id: 'three-degrees',
        path: join(root, 'questions', 'three-degrees'),
        contentHash: 'x',
      },
      prospect: 'northwind bakery',
      startedAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      answers: { request: { value: 'A logo' } },
      complete: false,
    };
    writeFileSync(
      join(drafts, '2026-01-01T00-00-00-000Z-northwind-bakery-abcdef.json'),
      JSON.stringify(draft),
    );
    writeFileSync(
      join(drafts, '2026-01-01T00-00-00-000Z-fjord-instruments-abcdef.json'),
      JSON.stringify({ ...draft, prospect: 'Fjord Instruments' }),
    );
    const named = /northwind/i;
    const before = [...filesUnder(store), ...filesUnder(drafts)].filter(
      (f) => named.test(f.path) || named.test(f.text),
    );
    expect(before).toHaveLength(5); // three records, an outcome, a draft

    const dry = await cli(['forget', 'Northwind Bakery', '--dry-run'], { env });
    expect(dry.status).toBe(0);
    expect(dry.stdout).toMatch(
      /^Would forget Northwind Bakery: would remove 3 records, 1 outcome change, 1 draft file\./,
    );
    expect(dry.stdout).toContain('Nothing was removed (--dry-run).');
    const refused = await cli(['forget', 'Northwind Bakery'], { env });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/without a terminal to ask on, it needs --yes/);
    expect(
      [...filesUnder(store), ...filesUnder(drafts)].filter(
        (f) => named.test(f.path) || named.test(f.text),
      ),
    ).toHaveLength(before.length);

    const done = await cli(['forget', 'Northwind Bakery', '--yes'], { env });
    expect(done.status, done.stderr).toBe(0);
    expect(done.stdout).toMatch(
      /^Forgot Northwind Bakery: removed 3 records, 1 outcome change, 1 draft file\./,
    );
    expect(done.stdout.split('\n').filter((l) => l.startsWith('  '))).toHaveLength(5);
    expect(
      [...filesUnder(store), ...filesUnder(drafts)].filter(
        (f) => named.test(f.path) || named.test(f.text),
      ),
    ).toEqual([]);
    // The other prospects stay.
    expect((await cli(['history', '--json'], { env })).stdout.match(/"prospect"/g)).toHaveLength(3);
    expect(readdirSync(drafts)).toHaveLength(1);
    const again = await cli(['forget', 'Northwind Bakery', '--yes'], { env });
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/no record matches "Northwind Bakery"/);
  });
});

describePty('forget on a terminal', () => {
  it('asks first, the cursor on "no": Enter keeps everything; "yes" removes', async () => {
    const { env, store } = home();
    expect((await cli(['run', '--answers', sample('harbour-dental.yaml')], { env })).status).toBe(
      0,
    );
    const kept = startPty(['forget', 'Harbour Dental'], env);
    await kept.waitFor('? Remove this file for good?');
    expect(kept.screen()).toMatch(/record {3}\S+harbour-dental/);
    expect(kept.screen()).toMatch(/❯ No, keep everything/);
    kept.write(keys.enter);
    expect((await kept.exited()).exitCode).toBe(0);
    expect(kept.screen()).toContain('Nothing was removed.');
    expect(readdirSync(store)).toHaveLength(1);
    const gone = startPty(['forget', 'Harbour Dental'], env);
    await gone.waitFor('? Remove this file for good?');
    gone.write(keys.down + keys.enter);
    expect((await gone.exited()).exitCode).toBe(0);
    expect(gone.screen()).toContain(
      'Forgot Harbour Dental: removed 1 record, 0 outcome changes, 0 draft files.',
    );
    expect(readdirSync(store)).toEqual([]);
  });
});
