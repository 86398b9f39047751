import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Calibration } from '../../src/core/records/calibrate';
import { shippedBank } from '../helpers/examples';
import { runInProcess } from '../helpers/in-process';
import { generateStore, type GeneratedStore } from '../helpers/outcome-store';
import { root, shippedBankDir } from '../helpers/paths';
import { tempDir } from '../helpers/temp';

const risky = { questionId: 'last-agency', value: 'blamed-one' };

describe('clientfit calibrate', () => {
  let generated: GeneratedStore;
  beforeAll(() => {
    generated = generateStore(shippedBank(), join(tempDir(), 'records'), 600, risky);
  }, 60_000);

  it('names the answer that made a bad outcome likely first, with its counts, and suggests a rule for it', async () => {
    const r = await runInProcess(['calibrate', '--json', '--store', generated.store]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const c = JSON.parse(r.stdout) as Calibration;
    expect(c.records).toBe(600);
    const [first] = c.answers;
    expect(first?.id).toBe('last-agency=blamed-one');
    expect(first?.present).toEqual(generated.risky);
    expect(first?.absent).toEqual(generated.others);
    expect(generated.risky.of).toBeGreaterThan(40);
    expect(c.suggestions[0]?.id).toBe('last-agency=blamed-one');
    expect(c.suggestions[0]?.usedByRule).toBe(false);
    // Recommendation × outcome adds up to every record.
    expect(c.byRecommendation.rows.reduce((n, row) => n + row.total, 0)).toBe(600);

    const text = await runInProcess(['calibrate', '--store', generated.store]);
    expect(text.stdout).toMatch(
      /Answers: how often it went badly with the answer and without it\n +\+\d+ pts +█+[▏▎▍▌▋▊▉]? *last-agency = blamed-one +\d+% \(\d+ of \d+\) with it/,
    );
    expect(text.stdout).toMatch(
      /Suggestions: strong signs of trouble that no rule uses\n {2}1\. last-agency = blamed-one — went badly \d+% \(\d+ of \d+\) with it against \d+% \(\d+ of \d+\) without; it raises blamed-last-agency \(red, low\) and no rule uses it\./,
    );
    expect(
      (await runInProcess(['calibrate', '--format', 'markdown', '--store', generated.store]))
        .stdout,
    ).toMatch(/^# Did the advice work\?\n/);
  });

  it('shows that a candidate bank with a rule for that answer declines more of the engagements that went badly', async () => {
    const candidate = join(tempDir(), 'candidate');
    cpSync(shippedBankDir, candidate, { recursive: true });
    const manifest = join(candidate, 'bank.yaml');
    writeFileSync(
      manifest,
      // Its own id (as init gives a copy): the output names it without a path, and reads the same every run.
      readFileSync(manifest, 'utf8')
        .replace(/^id: three-degrees$/m, 'id: candidate')
        .replace(
          /^rules:\n/m,
          'rules:\n  - id: blamed-last-agency\n    when: { question: last-agency, equals: blamed-one }\n    recommendation: decline\n    reason: Clients who blamed their last agency went badly with us.\n',
        ),
    );
    const r = await runInProcess([
      'calibrate',
      '--json',
      '--bank',
      candidate,
      '--store',
      generated.store,
    ]);
    // The new rule declines some of the bank's own examples (those where one blame story is no pattern): said, since the candidate's verdicts are then suspect.
    expect(r.stderr).toMatch(
      /^warning: the candidate bank candidate 3\.0\.0 \(.*candidate\) fails \d+ of its own \d+ examples \("One bad agency is bad luck/,
    );
    const c = JSON.parse(r.stdout) as Calibration;
    const comparison = c.comparison;
    expect(comparison?.candidate.id).toBe('candidate');
    expect(comparison?.rescored['went-badly'].of).toBe(generated.risky.bad + generated.others.bad);
    expect(comparison?.rescored['went-badly'].declined ?? 0).toBeGreaterThan(
      comparison?.assessed['went-badly'].declined ?? 0,
    );
    const text = await runInProcess(
      ['calibrate', '--bank', candidate, '--store', generated.store],
      { COLUMNS: '100' },
    );
    // The README shows parts of this very output ("Did the advice work?"): the paragraphs its marker
    // numbers (from 0), exactly as printed. UPDATE_GOLDEN=1 rewrites them there.
    const readmePath = join(root, 'README.md');
    const readme = readFileSync(readmePath, 'utf8');
    const block = /(<!-- calibrate-output: ([\d ]+) -->\n```text\n)([^]*?)(```)/;
    const paragraphs = text.stdout.replace(/\n$/, '').split('\n\n');
    const chosen = (block.exec(readme)?.[2] ?? '').trim().split(' ').map(Number);
    expect(chosen.length).toBeGreaterThan(0);
    for (const i of chosen)
      expect(paragraphs[i], `paragraph ${i} of calibrate's output`).toBeDefined();
    const excerpt = `${chosen.map((i) => paragraphs[i]).join('\n\n')}\n`;
    if (process.env.UPDATE_GOLDEN === '1')
      writeFileSync(
        readmePath,
        readme.replace(
          block,
          (_, open: string, _chosen: string, _old: string, close: string) =>
            `${open}${excerpt}${close}`,
        ),
      );
    else expect(block.exec(readme)?.[3]).toBe(excerpt);
    expect(text.stdout.replace(/\s+/g, ' ')).toMatch(
      /The candidate bank candidate 3\.0\.0 would have declined \d+ of \d+ engagements that went badly and \d+ of \d+ that went well .*; the banks the records were assessed with \(three-degrees 3\.0\.0: \d+ records\) declined \d+ of \d+/,
    );
  });

  it('says "too few to tell" below five engagements, and that nothing has an outcome in an empty store', async () => {
    const small = generateStore(shippedBank(), join(tempDir(), 'small'), 8, risky, 3);
    const c = JSON.parse(
      (await runInProcess(['calibrate', '--json', '--store', small.store])).stdout,
    ) as Calibration;
    expect(c.answers.every((a) => a.present.of >= 5 || a.difference === null)).toBe(true);
    expect((await runInProcess(['calibrate', '--store', small.store])).stdout).toMatch(
      /too few to tell \(\d\)/,
    );
    const empty = await runInProcess(['calibrate', '--store', join(tempDir(), 'none')]);
    expect(empty.status).toBe(0);
    expect(empty.stdout).toMatch(/^No record has an outcome yet/);
  });
});
