import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/report/report-schema';
import { root } from '../helpers/paths';
import { expectNoStackTrace, homeEnv } from '../helpers/run-cli';
import { cli } from '../helpers/in-process';
import { tempDir } from '../helpers/temp';

/**
 * Values the shipped bank renamed (`replaces`), met where no answers file is
 * read: a draft resumed, a record corrected, records scored again. Each says
 * once, in one line, which old values it read under their new names.
 */

const sample = join(root, 'questions', 'samples', 'northwind-bakery.yaml');
const renamed =
  "note: read under the bank's new names (the old values still work): accepts-process: no → impatient";

/** A home with one record of the sample saved, and that record's answers as an older clientfit saved them ("no", not "impatient"). */
async function homeWithOldRecord(): Promise<{
  env: Record<string, string>;
  store: string;
  drafts: string;
  oldAnswers: Record<string, unknown>;
}> {
  const dir = tempDir('clientfit-home-');
  const env = { ...homeEnv(dir), NO_COLOR: '1' };
  const store = join(dir, 'data', 'clientfit', 'records');
  const drafts = join(dir, 'state', 'clientfit', 'drafts');
  expect((await cli(['run', '--answers', sample], { env })).status).toBe(0);
  const [file = ''] = readdirSync(store);
  const record = JSON.parse(readFileSync(join(store, file), 'utf8')) as {
    answers: Record<string, { value: unknown }>;
  };
  expect(record.answers['accepts-process']).toEqual({ value: 'impatient' });
  const oldAnswers = { ...record.answers, 'accepts-process': { value: 'no' } };
  writeFileSync(join(store, file), JSON.stringify({ ...record, answers: oldAnswers }));
  return { env, store, drafts, oldAnswers };
}

describe('old values where no answers file is read', () => {
  it('a draft resumed: one line of notice, and the answer counts under its new name', async () => {
    const { env, drafts, oldAnswers } = await homeWithOldRecord();
    mkdirSync(drafts, { recursive: true });
    const draft = {
      schemaVersion: 1,
      kind: 'clientfit-draft',
      bank: {
        id: 'three-degrees',
        path: join(root, 'questions', 'three-degrees'),
        contentHash: 'x',
      },
      prospect: 'Northwind Bakery',
      startedAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      answers: oldAnswers,
      complete: false,
    };
    writeFileSync(
      join(drafts, '2026-01-01T00-00-00-000Z-northwind-bakery-abcdef.json'),
      JSON.stringify(draft),
    );
    const r = await cli(['run', '--resume', '--no-save', '--json'], { env });
    expectNoStackTrace(r.stderr);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('note: read under'))).toEqual([renamed]);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.answers.find((a) => a.questionId === 'accepts-process')?.value).toBe('impatient');
    expect(report.flags.map((f) => f.id)).toContain('rejects-process');
  });

  it('run --edit of a record saved with an old value: one line of notice; the correction saves the new name', async () => {
    const { env, store } = await homeWithOldRecord();
    const r = await cli(
      ['run', '--edit', 'Northwind Bakery', '--answer', 'notes=Second look.', '--json'],
      { env },
    );
    expectNoStackTrace(r.stderr);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('note: read under'))).toEqual([renamed]);
    const saved = readdirSync(store).map(
      (f) =>
        JSON.parse(readFileSync(join(store, f), 'utf8')) as {
          corrects: string | null;
          answers: Record<string, unknown>;
        },
    );
    expect(saved.find((s) => s.corrects !== null)?.answers['accepts-process']).toEqual({
      value: 'impatient',
    });
  });

  it('rescore: says once, in one line, which old values were read and in how many records', async () => {
    const { env, store } = await homeWithOldRecord();
    // A second record holding the same old value, and one holding none.
    const [file = ''] = readdirSync(store);
    const copy = JSON.parse(readFileSync(join(store, file), 'utf8')) as { id: string };
    const id = copy.id.replace(/-[0-9a-f]{8}$/, '-00000001');
    writeFileSync(join(store, `${id}.json`), JSON.stringify({ ...copy, id }));
    expect(
      (
        await cli(
          ['run', '--answers', join(root, 'questions', 'samples', 'fjord-instruments.yaml')],
          {
            env,
          },
        )
      ).status,
    ).toBe(0);
    for (const format of ['text', 'json']) {
      const r = await cli(['rescore', '--format', format], { env });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toBe(`${renamed} (in 2 of 3 records)\n`);
    }
  });
});
