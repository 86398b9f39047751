import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadBank } from '../../src/io/load-bank';
import { root, shippedBankDir } from '../helpers/paths';

const yamlFiles = readdirSync(shippedBankDir)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('the shipped bank', () => {
  it('is split into a manifest and several section files', () => {
    expect(yamlFiles[0]).toBe('10-request.yaml');
    expect(yamlFiles).toContain('bank.yaml');
    expect(yamlFiles.length).toBeGreaterThanOrEqual(6);
  });

  it.each(yamlFiles)(
    '%s starts with the yaml-language-server schema line, and the committed JSON Schema accepts it',
    (file) => {
      const text = readFileSync(join(shippedBankDir, file), 'utf8');
      const schemaName = file === 'bank.yaml' ? 'manifest.schema.json' : 'section.schema.json';
      expect(text.split('\n')[0]).toBe(`# yaml-language-server: $schema=../schema/${schemaName}`);
      const ajv = new Ajv2020({ allErrors: true, strict: false });
      const schema = JSON.parse(
        readFileSync(join(root, 'questions', 'schema', schemaName), 'utf8'),
      ) as object;
      const check = ajv.compile(schema);
      const ok = check(parse(text));
      expect(check.errors ?? [], JSON.stringify(check.errors)).toEqual([]);
      expect(ok).toBe(true);
    },
  );

  it('the committed JSON Schema rejects what the loader rejects', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const check = ajv.compile(
      JSON.parse(
        readFileSync(join(root, 'questions', 'schema', 'section.schema.json'), 'utf8'),
      ) as object,
    );
    expect(
      check({
        questions: [
          {
            id: 'x',
            type: 'single',
            promt: 'typo',
            prompt: 'p',
            options: [
              { value: 'a', label: 'A' },
              { value: 'b', label: 'B' },
            ],
          },
        ],
      }),
    ).toBe(false);
    expect(check({ questions: [{ id: 'Bad Id', type: 'text', prompt: 'p' }] })).toBe(false);
    expect(check({ questions: [{ id: 'x', type: 'text', prompt: 'p', when: "x == 'y'" }] })).toBe(
      false,
    );
  });

  it('loads without a single error or warning', () => {
    const loaded = loadBank(shippedBankDir, root);
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.bank?.degrees.map((d) => d.id)).toEqual(['first', 'second', 'third']);
  });

  it('encodes the seed dialogues in at least 12 passing examples, covering every degree and recommendation', () => {
    const loaded = loadBank(shippedBankDir, root);
    if (loaded.bank === undefined) throw new Error('bank did not load');
    const results = loaded.examples;
    expect(results.length).toBeGreaterThanOrEqual(12);
    expect(results.filter((r) => !r.passed)).toEqual([]);
    const seen = new Set(results.map((r) => `${r.expected.degree}/${r.expected.recommendation}`));
    for (const pair of [
      'first/take',
      'second/take',
      'third/take-with-conditions',
      'third/decline',
      'first/decline',
      'undecided/undecided',
    ])
      expect(seen).toContain(pair);
  });

  it('every question has help for the interviewer', () => {
    const loaded = loadBank(shippedBankDir, root);
    for (const q of loaded.bank?.questions ?? []) expect(q.help, q.id).toBeTruthy();
  });

  it('team-treatment: the help tells "curt once" from "dismissive" by the labels the interviewer sees', () => {
    const loaded = loadBank(shippedBankDir, root);
    const question = loaded.bank?.questions.find((q) => q.id === 'team-treatment');
    const help = (question?.help ?? '').replace(/\s+/g, ' ');
    const label = (value: string): string =>
      question?.choices.find((c) => c.value === value)?.label ?? `(no ${value})`;
    // Rude once to a junior, then apologised: the help must say which one that is.
    expect(help).toContain(
      `"Curt with someone once" is a single short moment, not aimed at someone junior, that they apologised for unprompted.`,
    );
    expect(help).toContain(
      'Anything aimed at junior staff, or repeated, is "Dismissive or rude", even when an apology followed.',
    );
    expect(label('curt-once').startsWith('Curt with someone once')).toBe(true);
    expect(label('dismissive').startsWith('Dismissive or rude')).toBe(true);
  });
});
