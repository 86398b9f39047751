import { describe, expect, it } from 'vitest';
import { loadMini, miniManifest, miniSection } from '../helpers/mini-bank';

type Case = [
  name: string,
  overrides: Parameters<typeof loadMini>[0],
  expected: { severity: 'error' | 'warning'; code: string; file?: string; line: number; message: RegExp; hint?: RegExp },
];

const sec = (from: string, to: string) => ({ section: miniSection.replace(from, to) });

describe('the logic lint', () => {
  const cases: Case[] = [
    [
      'a signal toward an unknown degree',
      sec('signals: { fixed: 3 }', 'signals: { fixd: 3 }'),
      { severity: 'error', code: 'unknown-degree', line: 14, message: /"fixd" is not a degree of this bank/, hint: /did you mean "fixed"\?/ },
    ],
    [
      'an undeclared flag',
      sec('flags: [owns-it]', 'flags: [owns-its]'),
      { severity: 'error', code: 'unknown-flag', line: 20, message: /the flag "owns-its" is not declared/, hint: /did you mean "owns-it"\?/ },
    ],
    [
      'a follow-up that does not exist',
      sec('opens: [why]', 'opens: [whyy]'),
      { severity: 'error', code: 'unknown-question', line: 8, message: /there is no question "whyy" to open/, hint: /did you mean "why"\?/ },
    ],
    [
      'a follow-up placed before its opener',
      sec('opens: [why]', 'opens: [source]'),
      { severity: 'error', code: 'opens-earlier-question', line: 8, message: /"source" cannot be a follow-up of "source"/ },
    ],
    [
      'a condition on a later question',
      sec('when: { question: source, equals: competitor }', 'when: { question: knowledge, answered: true }'),
      { severity: 'error', code: 'forward-reference', line: 18, message: /refers to "knowledge", which is asked later/ },
    ],
    [
      'a condition on the question itself',
      sec('when: { question: source, equals: competitor }', 'when: { question: owner, answered: true }'),
      { severity: 'error', code: 'forward-reference', line: 18, message: /which is the question itself/ },
    ],
    [
      'a condition on a flag only raised later',
      sec('when: { question: source, equals: competitor }', 'when: { flag: owns-it }'),
      { severity: 'error', code: 'forward-reference', line: 18, message: /tests the flag "owns-it", which no earlier question raises/ },
    ],
    [
      'a condition value that is not an option',
      sec('when: { question: source, equals: competitor }', 'when: { question: source, equals: competiton }'),
      {
        severity: 'error',
        code: 'invalid-condition-value',
        line: 18,
        message: /"competiton" is not an answer to "source"/,
        hint: /did you mean "competitor"\?/,
      },
    ],
    [
      'a condition on the degree inside a question',
      sec('when: { question: source, equals: competitor }', 'when: { degree: open }'),
      { severity: 'error', code: 'degree-in-question', line: 18, message: /cannot test the degree/ },
    ],
    [
      'a question id used twice across files',
      { extra: { '20-more.yaml': 'questions:\n  - { id: source, type: text, prompt: Again }\n' } },
      { severity: 'error', code: 'duplicate-question', file: '20-more.yaml', line: 2, message: /the question id "source" is used twice/ },
    ],
    [
      'an option value used twice',
      sec('value: competitor', 'value: research'),
      { severity: 'error', code: 'duplicate-option', line: 8, message: /the option "research" appears twice in "source"/ },
    ],
    [
      '"unknown" as an option value',
      sec('value: competitor', 'value: unknown'),
      { severity: 'error', code: 'reserved-value', line: 8, message: /"unknown" is reserved/ },
    ],
    [
      'overlapping bands',
      sec('{ from: 4, to: 5', '{ from: 2, to: 5'),
      { severity: 'error', code: 'overlapping-bands', line: 29, message: /bands 1–2 and 2–5 of "knowledge" overlap/ },
    ],
    [
      'a band outside the scale',
      sec('{ from: 4, to: 5', '{ from: 4, to: 7'),
      { severity: 'error', code: 'bad-band', line: 29, message: /goes outside the scale \(1–5\)/ },
    ],
    [
      'a scale that runs backwards',
      sec('scale: { min: 1, max: 5 }', 'scale: { min: 5, max: 5 }'),
      { severity: 'error', code: 'bad-scale', line: 26, message: /min must be below max/ },
    ],
    [
      'a rule on an unknown degree',
      { manifest: miniManifest.replace('when: { flag: blames-us }', 'when: { degree: fixd }') },
      { severity: 'error', code: 'unknown-degree', file: 'bank.yaml', line: 24, message: /"fixd" is not a degree/ },
    ],
    [
      'an option with no effect',
      sec('signals: { fixed: 3 } }', '}'),
      { severity: 'warning', code: 'no-effect', line: 14, message: /the answer "insists" of "why" has no effect/, hint: /neutral: true/ },
    ],
    [
      'a question whose condition contradicts itself',
      sec('when: { question: source, equals: competitor }', 'when: { all: [{ question: source, equals: competitor }, { question: source, in: [research] }] }'),
      { severity: 'warning', code: 'unreachable-question', line: 15, message: /the question "owner" can never be asked/ },
    ],
    [
      'a follow-up whose only opener can never be asked',
      sec(
        'when: { question: source, equals: competitor }\n    options:\n      - { value: "yes", flags: [owns-it] }',
        'when: { all: [{ question: source, equals: competitor }, { question: source, equals: research }] }\n    options:\n      - { value: "yes", flags: [owns-it], opens: [notes] }',
      ),
      { severity: 'warning', code: 'unreachable-question', line: 30, message: /the question "notes" can never be asked/, hint: /no reachable answer opens it/ },
    ],
    [
      'a flag nobody raises',
      { manifest: miniManifest.replace('flags:\n', 'flags:\n  - { id: spare, kind: red, label: Spare, severity: low, explanation: Nobody raises it. }\n') },
      { severity: 'warning', code: 'flag-never-raised', file: 'bank.yaml', line: 20, message: /the flag "spare" is never raised/ },
    ],
    [
      'a degree no answers can reach',
      sec('signals: { fixed: 3 }', 'signals: { open: 1 }'),
      {
        severity: 'warning',
        code: 'unreachable-degree',
        file: 'bank.yaml',
        line: 13,
        message: /no set of answers can reach the degree "fixed": at most 2 of the 3 needed/,
      },
    ],
    [
      'a rule that can never fire',
      {
        manifest: miniManifest.replace(
          'when: { flag: blames-us }',
          'when: { all: [{ question: source, equals: research }, { question: source, equals: competitor }] }',
        ),
      },
      { severity: 'warning', code: 'rule-never-fires', file: 'bank.yaml', line: 23, message: /the rule "no-blame" can never fire/ },
    ],
  ];

  it.each(cases)('%s', async (_name, overrides, expected) => {
    const { diagnostics } = await loadMini(overrides);
    const d = diagnostics.find((x) => x.code === expected.code && expected.message.test(x.message));
    expect(d, JSON.stringify(diagnostics, null, 1)).toBeDefined();
    expect(d?.severity).toBe(expected.severity);
    expect(d?.file).toBe(expected.file ?? '10-questions.yaml');
    expect(d?.line).toBe(expected.line);
    expect(d?.message).toMatch(expected.message);
    if (expected.hint) expect(d?.hint).toMatch(expected.hint);
  });

  it('a neutral option is not reported', async () => {
    const { diagnostics } = await loadMini(sec('signals: { fixed: 3 } }', 'neutral: true }'));
    expect(diagnostics.filter((d) => d.code === 'no-effect')).toEqual([]);
  });
});
