import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/core/judgement/answers';
import type { Report } from '../../src/core/report/report-schema';
import type { InterruptSignal } from '../../src/exit-codes';
import type { StoredDraft } from '../../src/io/drafts';
import type { AssessResult } from '../../src/use-cases/assess-prospect';
import type { SaveAssessedOptions } from '../../src/use-cases/save-assessed';
import { saveAssessed } from '../../src/use-cases/save-assessed';
import { root } from '../helpers/paths';
import { tempDir } from '../helpers/temp';

// The save step of `run` says what became of the record as a value: the
// command words it. Each case here is one of its results.
const report = JSON.parse(
  readFileSync(join(root, 'tests', 'golden', 'northwind-bakery.json'), 'utf8'),
) as Report;
const answers = new Map<string, Answer>([['request-source', { value: 'competitor' }]]);

function assessed(extra: Partial<AssessResult> = {}): AssessResult {
  return {
    report,
    answers,
    bankPath: '/bank',
    draft: undefined,
    hold: undefined,
    corrects: undefined,
    ...extra,
  };
}

function options(store: string, extra: Partial<SaveAssessedOptions> = {}): SaveAssessedOptions {
  return {
    store,
    now: new Date('2026-12-07T10:00:00Z'),
    clock: () => new Date('2026-12-07T10:00:01Z'),
    cwd: '/',
    assessedBy: () => 'Ada',
    resumed: false,
    uninterrupted: (save) => save(),
    stoppedAfterSave: () => undefined,
    ...extra,
  };
}

const records = (store: string): string[] => readdirSync(store).filter((n) => n.endsWith('.json'));

describe('saveAssessed', () => {
  it('saves a new assessment, then calls the same one again already recorded', async () => {
    const store = tempDir();
    const first = await saveAssessed(assessed(), options(store));
    expect(first.kind).toBe('saved');
    const id = first.kind === 'saved' ? first.recordId : '';
    expect(records(store)).toEqual([`${id}.json`]);
    expect(await saveAssessed(assessed(), options(store))).toEqual({
      kind: 'already-recorded',
      recordId: id,
    });
    expect(records(store)).toHaveLength(1);
  });

  it('calls a correction that changes nothing unchanged, and saves one that changes an answer', async () => {
    const store = tempDir();
    const first = await saveAssessed(assessed(), options(store));
    const id = first.kind === 'saved' ? first.recordId : '';
    expect(await saveAssessed(assessed({ corrects: id }), options(store))).toEqual({
      kind: 'unchanged',
      recordId: id,
      corrects: id,
    });
    const changed = new Map<string, Answer>([['request-source', { value: 'research' }]]);
    const corrected = await saveAssessed(
      assessed({ corrects: id, answers: changed }),
      options(store),
    );
    expect(corrected).toMatchObject({ kind: 'saved', corrects: id });
    expect(records(store)).toHaveLength(2);
  });

  it('saves nothing from a draft whose folder cannot be written, and says so as a value', async () => {
    const store = tempDir();
    const draft = { id: 'd1', path: '/nowhere/d1.json' } as StoredDraft;
    const result = await saveAssessed(
      assessed({ draft, hold: { kind: 'blocked', reason: 'permission denied', code: 'EACCES' } }),
      options(store),
    );
    expect(result).toEqual({ kind: 'draft-blocked', draft, reason: 'permission denied' });
    expect(records(store)).toEqual([]);
  });

  it('returns a store that cannot be made as a failure instead of throwing', async () => {
    const file = join(tempDir(), 'not-a-folder');
    writeFileSync(file, 'x');
    const result = await saveAssessed(assessed(), options(join(file, 'store')));
    expect(result.kind).toBe('failed');
    expect(result.kind === 'failed' ? result.error.message : '').toContain('not-a-folder');
  });

  it('says where the record is when a signal came while it was saved', async () => {
    const store = tempDir();
    const stopped: [string, InterruptSignal][] = [];
    const result = await saveAssessed(
      assessed(),
      options(store, {
        uninterrupted: async (save, then) => {
          await save();
          then('SIGTERM');
        },
        stoppedAfterSave: (id, signal) => stopped.push([id, signal]),
      }),
    );
    expect(result.kind).toBe('saved');
    expect(stopped).toEqual([[result.kind === 'saved' ? result.recordId : '', 'SIGTERM']]);
  });
});
