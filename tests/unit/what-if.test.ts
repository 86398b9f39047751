import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAnswerMap, clearedAnswer } from '../../src/core/records/answers-file';
import type { Report } from '../../src/core/report/report-schema';
import { shippedBank } from '../helpers/examples';
import { runInProcess } from '../helpers/in-process';
import { root } from '../helpers/paths';
import { homeEnv } from '../helpers/run-cli';
import { tempDir, writeTree } from '../helpers/temp';

const bank = shippedBank();
const samples = join(root, 'questions', 'samples');

/** The text of `--answer questionId=…` for a value of the report: a list joined with commas ("[]" for none), a scale point as a number. */
function flagValue(value: Report['counterfactuals'][number]['to']): string {
  if (Array.isArray(value)) return value.length === 0 ? '[]' : value.join(',');
  return String(value);
}

async function report(argv: readonly string[]): Promise<{ report: Report; stderr: string }> {
  const r = await runInProcess(['run', '--no-save', ...argv, '--format', 'json']);
  expect(r.stderr.replace(/^note: .*\n/gm, ''), r.stderr).toBe('');
  expect(r.status).toBe(0);
  return { report: JSON.parse(r.stdout) as Report, stderr: r.stderr };
}

// The two sample reports of the README and the golden files.
describe.each(['northwind-bakery', 'fjord-instruments'])(
  'every counterfactual of the %s report is one --answer away',
  (name) => {
    const file = join(samples, `${name}.yaml`);
    it('reproduces each promised degree, fit and recommendation with exactly one --answer flag', async () => {
      const { report: base } = await report(['--answers', file]);
      expect(base.counterfactualsComplete).toBe(true);
      expect(base.counterfactuals.length).toBeGreaterThan(3);
      for (const c of base.counterfactuals) {
        // A pick or a drop names one option: the flag is the answer given with that option added or taken away.
        const given = base.answers.find((a) => a.questionId === c.questionId)?.value ?? 'unknown';
        const picked = Array.isArray(given) ? given : [];
        const tried =
          c.change === 'pick'
            ? [...picked, String(c.to)]
            : c.change === 'drop'
              ? picked.filter((v) => v !== c.to)
              : c.to;
        const flag = `${c.questionId}=${flagValue(tried)}`;
        const { report: changed } = await report(['--answers', file, '--answer', flag]);
        expect({
          flag,
          degree: changed.degree.id,
          fit: changed.fit?.level,
          recommendation: changed.recommendation,
        }).toEqual({
          flag,
          degree: c.degree,
          fit: c.fit,
          recommendation: c.recommendation,
        });
        // And it is the change the report named: the answer changed, from what it was.
        const answer = changed.answers.find((a) => a.questionId === c.questionId);
        if (c.change === 'answer') {
          expect(answer?.value).toEqual(c.to);
          expect(given).toEqual(c.from);
        } else {
          expect(c.from).toBeNull();
          expect(typeof c.to === 'string' && picked.includes(c.to)).toBe(c.change === 'drop');
          expect(new Set(answer?.value as string[])).toEqual(new Set(tried as string[]));
        }
      }
    });
  },
);

describe('--answer changes one answer, as an interviewer would', () => {
  const harbour = join(samples, 'harbour-dental.yaml');

  it('sets aside the answers the changed path no longer reaches, in one line on standard error', async () => {
    const r = await runInProcess([
      'run',
      '--no-save',
      '--answers',
      harbour,
      '--answer',
      'why-competitor=light-bulb',
      '--json',
    ]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(
      'note: set aside, as the changed answers no longer lead to it: challenge-competitor\n',
    );
    const changed = JSON.parse(r.stdout) as Report;
    expect(changed.degree.id).toBe('first');
    expect(changed.answers.map((a) => a.questionId)).not.toContain('challenge-competitor');
  });

  it('reaches the follow-up a changed answer opens, answered by another flag', async () => {
    const fjord = join(samples, 'fjord-instruments.yaml');
    const r = await runInProcess([
      'run',
      '--no-save',
      '--answers',
      fjord,
      '--answer',
      'why-competitor=explained',
      '--answer',
      'challenge-competitor=insists',
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as Report).degree.id).toBe('third');
  });

  it('counts a follow-up only the change opens as unknown when there is no terminal, and says so', async () => {
    const fjord = join(samples, 'fjord-instruments.yaml');
    const r = await runInProcess([
      'run',
      '--no-save',
      '--answers',
      fjord,
      '--answer',
      'why-competitor=explained',
      '--json',
    ]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(
      'note: counted as unknown, as only the changed answers lead to it and there is no terminal to ask: challenge-competitor\n',
    );
    expect(
      (JSON.parse(r.stdout) as Report).answers.find((a) => a.questionId === 'challenge-competitor')
        ?.value,
    ).toBe('unknown');
  });

  it('still refuses a flag whose question is not reached even after every change, located at the flag (exit 3)', async () => {
    const fjord = join(samples, 'fjord-instruments.yaml');
    const r = await runInProcess([
      'run',
      '--no-save',
      '--answers',
      fjord,
      '--answer',
      'challenge-competitor=insists',
    ]);
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(
      /--answer challenge-competitor=insists {2}error {2}"challenge-competitor" is answered, but these answers never reach it/,
    );
  });

  it('still refuses an answer the file itself never reaches, located in the file (exit 3)', async () => {
    const dir = writeTree({
      'a.yaml': 'answers:\n  request-source: research\n  why-competitor: explained\n',
    });
    const r = await runInProcess([
      'run',
      '--no-save',
      '--answers',
      join(dir, 'a.yaml'),
      '--answer',
      'outcome-owner=theirs',
      '--allow-partial',
    ]);
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(
      /a\.yaml:3:19 {2}error {2}"why-competitor" is answered, but these answers never reach it/,
    );
  });

  it('clears an answer with an empty value: it is then missing like any other', async () => {
    const r = await runInProcess([
      'run',
      '--no-save',
      '--answers',
      harbour,
      '--answer',
      'challenge-competitor=',
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /1 required question has no answer, and there is no terminal to ask them: challenge-competitor/,
    );
    const partial = await runInProcess([
      'run',
      '--no-save',
      '--answers',
      harbour,
      '--answer',
      'challenge-competitor=',
      '--allow-partial',
      '--json',
    ]);
    expect(partial.status).toBe(0);
    expect(
      (JSON.parse(partial.stdout) as Report).answers.find(
        (a) => a.questionId === 'challenge-competitor',
      )?.value,
    ).toBe('unknown');
  });

  it('clearing an answer sets aside the follow-ups it opened; "[]" chooses none of a multiple choice', async () => {
    const r = await runInProcess([
      'run',
      '--no-save',
      '--answers',
      harbour,
      '--answer',
      'why-competitor=',
      '--answer',
      'valued=[]',
      '--allow-partial',
      '--json',
    ]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(
      'note: set aside, as the changed answers no longer lead to it: challenge-competitor\n',
    );
    const changed = JSON.parse(r.stdout) as Report;
    expect(changed.answers.find((a) => a.questionId === 'valued')?.value).toEqual([]);
    expect(changed.answers.find((a) => a.questionId === 'why-competitor')?.value).toBe('unknown');
  });

  it('an empty value for a question the bank does not have is still an unknown question', async () => {
    const r = await runInProcess([
      'run',
      '--no-save',
      '--answers',
      harbour,
      '--answer',
      'why-competiter=',
    ]);
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(
      /--answer why-competiter= {2}error {2}there is no question "why-competiter".*\n.*did you mean "why-competitor"\?/,
    );
  });
});

describe('--answer on a resumed draft', () => {
  it("changes the draft's answers the same way, and refuses a mistake in the flag", async () => {
    const env = homeEnv(tempDir('clientfit-home-'));
    const drafts = join(env.XDG_STATE_HOME ?? '', 'clientfit', 'drafts');
    mkdirSync(drafts, { recursive: true });
    const id = '2026-01-01T00-00-00-000Z-acme-0abcdef1';
    writeFileSync(
      join(drafts, `${id}.json`),
      JSON.stringify({
        schemaVersion: 1,
        kind: 'clientfit-draft',
        bank: {
          id: 'three-degrees',
          path: join(root, 'questions', 'three-degrees'),
          contentHash: 'x',
        },
        prospect: 'Acme',
        startedAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
        answers: {
          'request-source': { value: 'competitor' },
          'why-competitor': { value: 'explained' },
          'challenge-competitor': { value: 'insists' },
        },
        complete: false,
      }),
    );
    // The mistake first: it stops before anything is used up (a finished --no-save run removes its draft).
    const wrong = await runInProcess(
      [
        'run',
        '--resume',
        id,
        '--no-save',
        '--allow-partial',
        '--answer',
        'why-competitor=lightbulb',
      ],
      env,
    );
    expect(wrong.status).toBe(3);
    expect(wrong.stderr).toMatch(
      /--answer why-competitor=lightbulb {2}error {2}"lightbulb" is not an answer to "why-competitor"/,
    );
    const changed = await runInProcess(
      [
        'run',
        '--resume',
        id,
        '--no-save',
        '--allow-partial',
        '--answer',
        'why-competitor=light-bulb',
        '--json',
      ],
      env,
    );
    expect(changed.status, changed.stderr).toBe(0);
    expect(changed.stderr).toContain(
      'note: set aside, as the changed answers no longer lead to it: challenge-competitor\n',
    );
    expect((JSON.parse(changed.stdout) as Report).degree.id).toBe('first');
  });
});

describe('checkAnswerMap', () => {
  const base = new Map<string, unknown>([
    ['request-source', 'competitor'],
    ['why-competitor', 'explained'],
    ['challenge-competitor', 'insists'],
  ]);

  it('without changes, reports a not-asked answer after an invalid one as well (every problem at once)', () => {
    const raw = new Map<string, unknown>([
      ['request-source', 'competiter'],
      ['why-convenience', 'explained'],
      ['needs-endorsement', 'no'],
    ]);
    const codes = checkAnswerMap(bank, raw, new Map(), { allowPartial: true }).problems.map((p) => [
      p.questionId,
      p.code,
    ]);
    // why-convenience is reachable by some valid request-source: the invalid value is the mistake to fix first.
    expect(codes).toEqual([['request-source', 'invalid-answer']]);
  });

  it('sets aside, opens and clears', () => {
    const aside = checkAnswerMap(bank, base, new Map([['why-competitor', 'light-bulb']]), {
      allowPartial: false,
    });
    expect(aside.problems).toEqual([]);
    expect(aside.setAside).toEqual(['challenge-competitor']);
    expect(aside.answers.has('challenge-competitor')).toBe(false);

    const opened = checkAnswerMap(
      bank,
      new Map([['request-source', 'research']]),
      new Map([['request-source', 'competitor']]),
      { allowPartial: false },
    );
    expect(opened.opened).toEqual(['why-competitor']);
    expect(opened.missing.map((m) => m.questionId)).not.toContain('why-competitor');

    const cleared = checkAnswerMap(bank, base, new Map([['request-source', clearedAnswer]]), {
      allowPartial: false,
    });
    expect(cleared.answers.has('request-source')).toBe(false);
    expect(cleared.setAside).toEqual(['why-competitor', 'challenge-competitor']);
    expect(cleared.missing.map((m) => m.questionId)).toContain('request-source');
  });
});
