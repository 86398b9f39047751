import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/report/report-schema';
import { root } from '../helpers/paths';
import { expectNoStackTrace } from '../helpers/run-cli';
import { cli } from '../helpers/in-process';

/** Banks evolve without breaking what users wrote: answers for an older shipped bank, and banks in format 1. */

const fixtures = join(root, 'tests', 'fixtures');
const samples = join(root, 'questions', 'samples');

describe('answers written for the shipped bank 2.0.0', () => {
  it.each(readdirSync(samples).filter((f) => f.endsWith('.yaml')))(
    'the sample %s runs unchanged: exit 0, at most one line of notice',
    async (file) => {
      const r = await cli([
        'run',
        '--no-save',
        '--answers',
        join(samples, file),
        '--format',
        'json',
      ]);
      expectNoStackTrace(r.stderr);
      expect(r.status).toBe(0);
      expect(r.stderr).toMatch(
        /^(|note: read under the bank's new names \(the old values still work\): [^\n]+\n)$/,
      );
      expect((JSON.parse(r.stdout) as Report).bank.version).toBe('3.0.0');
    },
  );
});

describe('a bank in format 1', () => {
  // Seven questions, and a degree question ("deposit") asked only after a budget question that carries no signals:
  // the previous release refused it ("depends on "budget", which is not degree evidence").
  const bank = join(fixtures, 'format1-bank');

  it('validates, as it did when it was written, with one warning that says how to move it to format 2', async () => {
    const r = await cli(['validate', bank]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^valid: 1 bank, 0 errors, 1 warning,/m);
    expect(r.stdout).toContain(
      'bank.yaml:4:12  warning  this bank is in format 1: it runs with its original meaning',
    );
    expect(r.stdout).toContain('[format-1]');
    // The steps name this bank's own questions, and the one change the format 1 meaning hid.
    expect(r.stdout).toContain(
      'set `clientfit: 2`; add `evidence: degree` to "source", "challenge", "deposit"',
    );
    expect(r.stdout).toContain(
      '"deposit" is asked only after "budget", which is not degree evidence',
    );
  });

  it('moved as the warning says, it validates clean in format 2 and gives the same call', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clientfit-format2-'));
    try {
      const v1 = readFileSync(join(bank, 'bank.yaml'), 'utf8');
      const v2 = v1
        .replace(/^clientfit: 1$/m, 'clientfit: 2')
        .replace(
          /^ {2}- id: (source|challenge|deposit|budget)$/gm,
          '  - id: $1\n    evidence: degree',
        );
      writeFileSync(join(dir, 'bank.yaml'), v2);
      const v = await cli(['validate', dir]);
      expect(v.stdout).toMatch(/^valid: 1 bank, 0 errors, 0 warnings/m);
      const args = [
        'run',
        '--no-save',
        '--answers',
        join(fixtures, 'format1-answers.yaml'),
        '--format',
        'json',
      ];
      const before = JSON.parse((await cli([...args, '--bank', bank])).stdout) as Report;
      const after = await cli([...args, '--bank', dir]);
      expect(after.stderr).toBe('');
      const report = JSON.parse(after.stdout) as Report;
      expect([report.degree.id, report.recommendation]).toEqual([
        before.degree.id,
        before.recommendation,
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs with its original meaning — every question with signals counts toward the degree — and says so in one line', async () => {
    const r = await cli([
      'run',
      '--no-save',
      '--bank',
      bank,
      '--answers',
      join(fixtures, 'format1-answers.yaml'),
      '--format',
      'json',
    ]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(
      'note: this bank is in format 1 (clientfit: 1): it runs with its original meaning, every question with signals counting toward the degree; `clientfit validate` says how to move it to format 2\n',
    );
    const report = JSON.parse(r.stdout) as Report;
    expect(report.degree.id).toBe('second');
    // The deposit question, asked after the budget, is degree evidence as format 1 meant it.
    expect(report.evidence.map((e) => e.questionId)).toContain('deposit');
    expect(report.recommendation).toBe('take');
  });
});
