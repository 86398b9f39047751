import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/report/report-schema';
import { root } from '../helpers/paths';

import { cli } from '../helpers/in-process';

/** The cases behind "How the call is made" (README), as answers files an owner could have written, through the built binary. */

const dir = join(root, 'tests', 'fixtures', 'method');
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<
  string,
  { degree: string; fit?: string; recommendation: string }
>;

describe('how the call is made, case by case', () => {
  it.each(Object.entries(expected))(
    '%s gives the expected degree, fit and call',
    async (name, expect_) => {
      const r = await cli([
        'run',
        '--no-save',
        '--allow-partial',
        '--answers',
        join(dir, `${name}.yaml`),
        '--format',
        'json',
      ]);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const report = JSON.parse(r.stdout) as Report;
      expect(report.degree.id).toBe(expect_.degree);
      if (expect_.fit !== undefined) expect(report.fit?.level).toBe(expect_.fit);
      expect(report.recommendation).toBe(expect_.recommendation);
    },
  );

  it('shows the warning signs in the headline even when the degree is undecided', async () => {
    // At 80 columns, where the headline wraps under its label.
    const declined = await cli(
      [
        'run',
        '--no-save',
        '--allow-partial',
        '--answers',
        join(dir, 'four-medium-warnings-degree-incomplete.yaml'),
      ],
      {
        env: { NO_COLOR: '1', COLUMNS: '80' },
      },
    );
    expect(declined.stdout).toMatch(/^\[ DECLINE \]/);
    expect(declined.stdout).toMatch(
      /^Warnings: {3}Buying on price · Wants to skip how we work · Sees the deal as\n {12}one-sided · Many agencies in a short time$/m,
    );
    const open = await cli(
      [
        'run',
        '--no-save',
        '--allow-partial',
        '--answers',
        join(dir, 'cut-short-would-hold-us-to-insisted-choice.yaml'),
      ],
      {
        env: { NO_COLOR: '1', COLUMNS: '80' },
      },
    );
    expect(open.stdout).toMatch(/^\[ UNDECIDED \]/);
    expect(open.stdout).toMatch(/^Warnings: {3}Would hold us responsible for their choices$/m);
    // The question that could still decline is named: the challenge, where insisting makes them third degree.
    expect(open.stdout).toMatch(
      /Would settle it: Ask\n {12}whether looking like the competitor is wise/,
    );
  });

  it('names the fit questions to ask while too little about the fit is known', async () => {
    const r = await cli(
      ['run', '--no-save', '--allow-partial', '--answers', join(dir, 'few-fit-answers.yaml')],
      { env: { NO_COLOR: '1' } },
    );
    expect(r.stdout).toMatch(
      /^Fit: {8}not enough known — 1 of the 4 fit questions needed was answered$/m,
    );
    expect(r.stdout).toMatch(
      /^Fit questions to ask\n {2}• If what they asked for does not perform, whose problem do they say it is\?$/m,
    );
    // A score of no answers means nothing: it is shown only beside a fit level.
    expect(r.stdout).not.toMatch(/fit score/i);
    expect(r.stdout).toMatch(/→ recommendation: take · degree: first · fit: not enough known$/m);
  });

  it.each([
    ['markdown', /^# .*· fit: not enough known — 1 of the 4 fit questions needed was answered$/m],
    [
      'html',
      /<dt>Fit:<\/dt><dd>not enough known — 1 of the 4 fit questions needed was answered<\/dd>/,
    ],
  ])('says the same in the %s report, with no fit score', async (format, line) => {
    const r = await cli([
      'run',
      '--no-save',
      '--allow-partial',
      '--answers',
      join(dir, 'few-fit-answers.yaml'),
      '--format',
      format,
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(line);
    expect(r.stdout).not.toMatch(/fit score|\(answered/i);
  });
});
