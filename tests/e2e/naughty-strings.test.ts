import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/report/report-schema';
import { rawControl, runInProcess } from '../helpers/in-process';
import { naughtyStrings } from '../helpers/corpus';
import { tempDir } from '../helpers/temp';

const naughty = naughtyStrings();

function expectTerminalSafe(text: string, what: string): void {
  const found = rawControl.exec(text);
  if (found)
    throw new Error(
      `${what}: raw U+${(found[0].codePointAt(0) ?? 0).toString(16).padStart(4, '0')} reached the output near ${JSON.stringify(text.slice(Math.max(0, found.index - 30), found.index + 30))}`,
    );
}

describe('the Big List of Naughty Strings', () => {
  it('is there', () => {
    expect(naughty.length).toBeGreaterThan(400);
  });

  it('as prospect names, notes and free-text answers: run in every format, history, show, rescore; nothing raw on screen; saved and loaded back exactly', async () => {
    const dir = tempDir();
    const env = { CLIENTFIT_STORE: join(dir, 'records') };
    const ids: [string, string][] = [];
    // Each string once: the same answers again for the same prospect would be recognised as already recorded.
    const strings = [...new Set(naughty)];
    for (const [i, s] of strings.entries()) {
      const file = join(dir, `answers-${i}.json`);
      writeFileSync(
        file,
        JSON.stringify({
          answers: {
            request: s,
            'request-source': { value: 'competitor', note: s },
            'why-competitor': { value: 'explained', note: s },
            'challenge-competitor': { value: 'insists', note: s },
            notes: s,
          },
        }),
      );
      for (const format of ['text', 'markdown'] as const) {
        const r = await runInProcess(
          [
            'run',
            '--answers',
            file,
            `--prospect=${s}`,
            '--allow-partial',
            '--no-save',
            '--format',
            format,
          ],
          env,
        );
        expect(r.status, r.stderr).toBe(0);
        expectTerminalSafe(r.stdout, `run --format ${format} with string #${i}`);
        expectTerminalSafe(r.stderr, `stderr of string #${i}`);
      }
      const json = await runInProcess(
        ['run', '--answers', file, `--prospect=${s}`, '--allow-partial', '--format', 'json'],
        env,
      );
      expect(json.status, json.stderr).toBe(0);
      expectTerminalSafe(json.stdout, `run --format json with string #${i}`);
      const report = JSON.parse(json.stdout) as Report;
      expect(report.prospect).toBe(s);
      expect(report.answers.find((a) => a.questionId === 'request')?.value).toBe(s);
      expect(report.evidence.find((e) => e.questionId === 'challenge-competitor')?.note).toBe(
        s === '' ? undefined : s,
      );
      const id = /Saved as record (\S+)/.exec(json.stderr)?.[1];
      expect(id).toBeDefined();
      ids.push([id ?? '', json.stdout]);
    }

    // Every record reads back exactly as it was printed.
    for (const [id, printed] of ids) {
      const shown = await runInProcess(['show', id, '--json'], env);
      expect(shown.stdout).toBe(printed);
    }
    for (const format of ['text', 'json', 'csv', 'markdown']) {
      const history = await runInProcess(['history', '--format', format], env);
      expect(history.status).toBe(0);
      expectTerminalSafe(history.stdout, `history --format ${format}`);
    }
    const listed = JSON.parse((await runInProcess(['history', '--json'], env)).stdout) as {
      records: { prospect: string }[];
      skipped: unknown[];
    };
    expect(listed.skipped).toEqual([]);
    expect(listed.records.map((r) => r.prospect).sort()).toEqual(strings.sort());
    const rescore = await runInProcess(['rescore'], env);
    expect(rescore.status).toBe(0);
    expect(rescore.stdout).toMatch(new RegExp(`^${strings.length} records re-scored`, 'm'));
  }, 240_000);

  it('as option labels and question text: validate, questions, template and run all complete, and nothing raw reaches the screen', async () => {
    const dir = tempDir();
    const text = (s: string): string =>
      s.trim() === '' ? `blank ${JSON.stringify(s)}` : s.slice(0, 200);
    const questions = naughty.map((s, i) => ({
      id: `q${i}`,
      type: 'single',
      prompt: text(s),
      help: text(s),
      options: [
        { value: 'a', label: text(s), signals: { first: 1 } },
        { value: 'b', label: 'Other', signals: { second: 1 } },
      ],
    }));
    const bank = {
      clientfit: 1,
      id: 'naughty',
      title: text(naughty[10] ?? 'x'),
      version: '1',
      description: text(naughty[20] ?? 'x'),
      degrees: ['first', 'second'].map((id) => ({
        id,
        name: `${id} ${text(naughty[30] ?? '')}`,
        summary: text(naughty[40] ?? 'x'),
        meaning: text(naughty[50] ?? 'x'),
        recommendation: 'take',
        advice: {
          talkingPoints: [text(naughty[60] ?? 'x')],
          conditions: [text(naughty[70] ?? 'x')],
        },
      })),
      questions,
    };
    const bankFile = join(dir, 'bank.yaml');
    writeFileSync(bankFile, stringify(bank));
    const validate = await runInProcess(['validate', bankFile]);
    expect(validate.status, validate.stdout).toBe(0);
    expectTerminalSafe(validate.stdout, 'validate');
    for (const command of [['questions'], ['template'], ['template', '--format', 'json']]) {
      const r = await runInProcess([...command, '--bank', bankFile]);
      expect(r.status, r.stderr).toBe(0);
      expectTerminalSafe(r.stdout, command.join(' '));
    }
    const answers = join(dir, 'answers.json');
    writeFileSync(
      answers,
      JSON.stringify({
        answers: Object.fromEntries(
          questions.map((q, i) => [q.id, { value: i % 3 === 0 ? 'b' : 'a', note: naughty[i] }]),
        ),
      }),
    );
    for (const format of ['text', 'markdown', 'json']) {
      const r = await runInProcess([
        'run',
        '--bank',
        bankFile,
        '--answers',
        answers,
        '--format',
        format,
        '--no-save',
      ]);
      expect(r.status, r.stderr).toBe(0);
      expectTerminalSafe(r.stdout, `run --format ${format}`);
    }
  }, 120_000);
});
