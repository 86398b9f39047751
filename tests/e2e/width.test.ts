import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/render/wrap-text';
import { runInProcess } from '../helpers/in-process';
import { root } from '../helpers/paths';
import { homeEnv } from '../helpers/run-cli';
import { tempDir } from '../helpers/temp';

// Every table, tree and listing fits COLUMNS, and no word is cut across lines:
// each word of a narrow rendering is a word of the same output rendered very wide,
// or the start of one cut with "…" (a table cell that did not fit).

const longName = 'Hopstead Brewing Co. and the Riverside Taproom Collective';
let env: Record<string, string>;

/** The words of a text: what lies between spaces. */
function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => w !== '');
}
let bank: string;
let recordId: string;

function draft(dir: string, id: string, prospect: string, complete: boolean): void {
  mkdirSync(dir, { recursive: true });
  const answers = {
    'request-source': { value: 'competitor' },
    'why-competitor': { value: 'light-bulb' },
  };
  writeFileSync(
    join(dir, `${id}.json`),
    JSON.stringify({
      schemaVersion: 1,
      kind: 'clientfit-draft',
      bank: {
        id: 'three-degrees',
        path: join(root, 'questions', 'three-degrees'),
        contentHash: 'x',
      },
      prospect,
      startedAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      answers,
      complete,
    }),
  );
}

beforeAll(async () => {
  const home = tempDir();
  env = homeEnv(home);
  for (const sample of [
    'northwind-bakery',
    'harbour-dental',
    'fjord-instruments',
    'copperline-logistics',
  ]) {
    const r = await runInProcess(
      ['run', '--answers', join(root, 'questions', 'samples', `${sample}.yaml`)],
      env,
    );
    expect(r.status).toBe(0);
  }
  const named = await runInProcess(
    [
      'run',
      '--answers',
      join(root, 'questions', 'samples', 'harbour-dental.yaml'),
      '--prospect',
      longName,
    ],
    env,
  );
  expect(named.status).toBe(0);
  const list = await runInProcess(['history', '--format', 'csv'], env);
  const ids = list.stdout
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',')[0] ?? '');
  recordId = ids[0] ?? '';
  const outcomes = ['went-badly', 'went-well', 'mixed', 'signed', 'not-signed'];
  for (const [i, id] of ids.entries()) {
    const r = await runInProcess(
      [
        'outcome',
        id,
        outcomes[i % outcomes.length] ?? 'signed',
        '--note',
        'They paid late and the scope crept every single week.',
      ],
      env,
    );
    expect(r.status).toBe(0);
  }
  await runInProcess(
    [
      'outcome',
      recordId,
      'went-well',
      '--note',
      'Better once the brief was written down together.',
    ],
    env,
  );
  // A correction (run --edit): history lists it in place of the record it corrects, with a line naming that record.
  const edited = await runInProcess(
    ['run', '--edit', 'Northwind Bakery', '--answer', 'needs-endorsement=no'],
    env,
  );
  expect(edited.status, edited.stderr).toBe(0);
  const drafts = join(env.XDG_STATE_HOME ?? '', 'clientfit', 'drafts');
  draft(drafts, '20260101T000000Z-hopstead-brewing-co-a1b2c3', longName, false);
  draft(drafts, '20260101T000001Z-acme-0d0e0f', 'Acme', true);
  const made = await runInProcess(['init', join(home, 'own-bank')], env);
  expect(made.status).toBe(0);
  bank = join(home, 'own-bank');
  // A stricter bank: some verdicts change, so rescore has changes to list.
  writeFileSync(
    join(bank, 'bank.yaml'),
    readFileSync(join(bank, 'bank.yaml'), 'utf8').replace(
      'minimumEvidence: 3',
      'minimumEvidence: 5',
    ),
  );
  expect((await runInProcess(['rescore', '--bank', bank], env)).stdout).toMatch(
    /:\s+[1-9]\d* changed/,
  );
});

/** Words a narrow form may add: the note that ids are cut. */
const notes = words(
  '(ids cut: any unambiguous start of one works) (record ids: --format csv, or COLUMNS=98 or wider)',
);

const listings: readonly [string, () => string[]][] = [
  ['history', () => ['history']],
  ['calibrate', () => ['calibrate']],
  ['calibrate --bank', () => ['calibrate', '--bank', bank]],
  ['drafts', () => ['drafts']],
  ['questions', () => ['questions']],
  ['rescore', () => ['rescore', '--bank', bank]],
  ['validate', () => ['validate', bank]],
  ['outcome listing', () => ['outcome', recordId]],
  ['config', () => ['config']],
];

describe.each([60, 80, 120])('at %i columns', (columns) => {
  it('history names the record a correction replaces, on a line that fits', async () => {
    const r = await runInProcess(['history'], { ...env, COLUMNS: String(columns) });
    const chain = r.stdout.split('\n').filter((l) => l.includes('↳ corrects '));
    expect(chain).toHaveLength(1);
    expect(displayWidth(chain[0] ?? '')).toBeLessThanOrEqual(columns);
  });

  it('history keeps the date, prospect, recommendation and degree; a dropped id is said in the footer', async () => {
    const r = await runInProcess(['history'], { ...env, COLUMNS: String(columns) });
    const [header = ''] = r.stdout.split('\n');
    expect(words(header).slice(0, 5)).toEqual([
      'date',
      '(UTC)',
      'prospect',
      'degree',
      'recommendation',
    ]);
    expect(r.stdout).toMatch(/^2026-01-01 00:00 {2}\S/m);
    if (columns < 98) {
      expect(header).not.toContain('record');
      expect(words(r.stdout).join(' ')).toContain(
        '(record ids: --format csv, or COLUMNS=98 or wider)',
      );
    } else expect(header).toMatch(/ record$/);
    // The width it names does show them.
    const named = await runInProcess(['history'], { ...env, COLUMNS: '98' });
    expect(named.stdout.split('\n')[0]).toMatch(/ record$/);
  });

  it.each(listings)('%s: every line fits and no word is cut across lines', async (_, argv) => {
    const narrow = await runInProcess(argv(), { ...env, COLUMNS: String(columns) });
    const wide = await runInProcess(argv(), { ...env, COLUMNS: '1000' });
    expect(narrow.stderr.includes('Error')).toBe(false);
    expect(narrow.stdout).not.toBe('');
    // A single word longer than the line (a long path) runs over rather than being broken.
    for (const line of narrow.stdout.split('\n'))
      if (words(line).length > 1) expect(displayWidth(line), line).toBeLessThanOrEqual(columns);
    const whole = new Set([...words(wide.stdout), ...notes]);
    const known = [...whole];
    for (const word of words(narrow.stdout)) {
      if (whole.has(word)) continue;
      // A cell cut to fit: the start of a word (or of a word run together in the wide form).
      const start = word.endsWith('…') ? word.slice(0, -1) : undefined;
      expect(
        start !== undefined && known.some((w) => w.startsWith(start)),
        `"${word}" is not a whole word`,
      ).toBe(true);
    }
  });
});

it('the report stops at 100 columns on a wide terminal', async () => {
  const r = await runInProcess(
    ['run', '--no-save', '--answers', join(root, 'questions', 'samples', 'northwind-bakery.yaml')],
    { ...env, COLUMNS: '200' },
  );
  const widest = Math.max(...r.stdout.split('\n').map(displayWidth));
  expect(widest).toBeLessThanOrEqual(100);
  expect(widest).toBeGreaterThan(90);
});
