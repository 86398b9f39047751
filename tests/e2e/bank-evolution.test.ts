import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/report/report';
import { root } from '../helpers/paths';
import { expectNoStackTrace, runCli } from '../helpers/run-cli';

/** Banks evolve without breaking what users wrote: answers for an older shipped bank, and banks in format 1. */

const fixtures = join(root, 'tests', 'fixtures');
const samples = join(root, 'questions', 'samples');

describe('answers written for the shipped bank 2.0.0', () => {
  it.each(readdirSync(samples).filter((f) => f.endsWith('.yaml')))('the sample %s runs unchanged: exit 0, at most one line of notice', (file) => {
    const r = runCli(['run', '--no-save', '--answers', join(samples, file), '--format', 'json']);
    expectNoStackTrace(r.stderr);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^(|note: read under the bank's new names \(the old values still work\): [^\n]+\n)$/);
    expect((JSON.parse(r.stdout) as Report).bank.version).toBe('3.0.0');
  });
});

describe('a bank in format 1', () => {
  // Seven questions, and a degree question ("deposit") asked only after a budget question that carries no signals:
  // the previous release refused it ("depends on "budget", which is not degree evidence").
  const bank = join(fixtures, 'format1-bank');

  it('validates, as it did when it was written', () => {
    const r = runCli(['validate', bank]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^valid: 1 bank, 0 errors, 0 warnings/m);
  });

  it('runs with its original meaning — every question with signals counts toward the degree — and says so in one line', () => {
    const r = runCli(['run', '--no-save', '--bank', bank, '--answers', join(fixtures, 'format1-answers.yaml'), '--format', 'json']);
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
