import { describe, expect, it } from 'vitest';
import { loadMini, miniManifest, miniSection } from '../helpers/mini-bank';

type Case = [
  name: string,
  overrides: Parameters<typeof loadMini>[0],
  expected: {
    severity: 'error' | 'warning';
    code: string;
    file?: string;
    line: number;
    message: RegExp;
    hint?: RegExp;
  },
];

const sec = (from: string, to: string) => ({ section: miniSection.replace(from, to) });

/** The mini bank in format 2: the two probing questions are degree evidence, the scale only raises flags, and fit levels decide. */
const manifest2 = miniManifest
  .replace('clientfit: 1', 'clientfit: 2')
  .replace(
    'rules:\n',
    'fit:\n  levels:\n    - { id: good, name: good, upTo: 0 }\n    - { id: poor, name: poor, recommendation: decline }\nrules:\n',
  );
const section2 = miniSection
  .replace(
    '    type: single\n    prompt: Where',
    '    type: single\n    evidence: degree\n    prompt: Where',
  )
  .replace(
    '    type: single\n    prompt: Why?',
    '    type: single\n    evidence: degree\n    prompt: Why?',
  )
  .replace('{ from: 1, to: 2, signals: { fixed: 1 } }', '{ from: 1, to: 2, flags: [blames-us] }')
  .replace('{ from: 4, to: 5, signals: { open: 1 } }', '{ from: 4, to: 5, flags: [owns-it] }');
const v2 = (m: (text: string) => string = (t) => t, q: (text: string) => string = (t) => t) => ({
  manifest: m(manifest2),
  section: q(section2),
});

describe('the logic lint', () => {
  const cases: Case[] = [
    [
      'a signal toward an unknown degree',
      sec('signals: { fixed: 3 }', 'signals: { fixd: 3 }'),
      {
        severity: 'error',
        code: 'unknown-degree',
        line: 14,
        message: /"fixd" is not a degree of this bank/,
        hint: /did you mean "fixed"\?/,
      },
    ],
    [
      'an undeclared flag',
      sec('flags: [owns-it]', 'flags: [owns-its]'),
      {
        severity: 'error',
        code: 'unknown-flag',
        line: 20,
        message: /the flag "owns-its" is not declared/,
        hint: /did you mean "owns-it"\?/,
      },
    ],
    [
      'a follow-up that does not exist',
      sec('opens: [why]', 'opens: [whyy]'),
      {
        severity: 'error',
        code: 'unknown-question',
        line: 8,
        message: /there is no question "whyy" to open/,
        hint: /did you mean "why"\?/,
      },
    ],
    [
      'a follow-up placed before its opener',
      sec('opens: [why]', 'opens: [source]'),
      {
        severity: 'error',
        code: 'opens-earlier-question',
        line: 8,
        message: /"source" cannot be a follow-up of "source"/,
      },
    ],
    [
      'a condition on a later question',
      sec(
        'when: { question: source, equals: competitor }',
        'when: { question: knowledge, answered: true }',
      ),
      {
        severity: 'error',
        code: 'forward-reference',
        line: 18,
        message: /refers to "knowledge", which is asked later/,
      },
    ],
    [
      'a condition on the question itself',
      sec(
        'when: { question: source, equals: competitor }',
        'when: { question: owner, answered: true }',
      ),
      {
        severity: 'error',
        code: 'forward-reference',
        line: 18,
        message: /which is the question itself/,
      },
    ],
    [
      'a condition on a flag only raised later',
      sec('when: { question: source, equals: competitor }', 'when: { flag: owns-it }'),
      {
        severity: 'error',
        code: 'forward-reference',
        line: 18,
        message: /tests the flag "owns-it", which no earlier question raises/,
      },
    ],
    [
      'a condition value that is not an option',
      sec(
        'when: { question: source, equals: competitor }',
        'when: { question: source, equals: competiton }',
      ),
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
      {
        severity: 'error',
        code: 'degree-in-question',
        line: 18,
        message: /cannot test the degree/,
      },
    ],
    [
      'a question id used twice across files',
      { extra: { '20-more.yaml': 'questions:\n  - { id: source, type: text, prompt: Again }\n' } },
      {
        severity: 'error',
        code: 'duplicate-question',
        file: '20-more.yaml',
        line: 2,
        message: /the question id "source" is used twice/,
      },
    ],
    [
      'an option value used twice',
      sec('value: competitor', 'value: research'),
      {
        severity: 'error',
        code: 'duplicate-option',
        line: 8,
        message: /the option "research" appears twice in "source"/,
      },
    ],
    [
      '"unknown" as an option value',
      sec('value: competitor', 'value: unknown'),
      { severity: 'error', code: 'reserved-value', line: 8, message: /"unknown" is reserved/ },
    ],
    [
      'overlapping bands',
      sec('{ from: 4, to: 5', '{ from: 2, to: 5'),
      {
        severity: 'error',
        code: 'overlapping-bands',
        line: 29,
        message: /bands 1–2 and 2–5 of "knowledge" overlap/,
      },
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
      {
        severity: 'error',
        code: 'unknown-degree',
        file: 'bank.yaml',
        line: 24,
        message: /"fixd" is not a degree/,
      },
    ],
    [
      'an option with no effect',
      sec('signals: { fixed: 3 } }', '}'),
      {
        severity: 'warning',
        code: 'no-effect',
        line: 14,
        message: /the answer "insists" of "why" has no effect/,
        hint: /neutral: true/,
      },
    ],
    [
      'a question whose condition contradicts itself',
      sec(
        'when: { question: source, equals: competitor }',
        'when: { all: [{ question: source, equals: competitor }, { question: source, in: [research] }] }',
      ),
      {
        severity: 'warning',
        code: 'unreachable-question',
        line: 15,
        message: /the question "owner" can never be asked/,
      },
    ],
    [
      'a follow-up whose only opener can never be asked',
      sec(
        'when: { question: source, equals: competitor }\n    options:\n      - { value: "yes", flags: [owns-it] }',
        'when: { all: [{ question: source, equals: competitor }, { question: source, equals: research }] }\n    options:\n      - { value: "yes", flags: [owns-it], opens: [notes] }',
      ),
      {
        severity: 'warning',
        code: 'unreachable-question',
        line: 30,
        message: /the question "notes" can never be asked/,
        hint: /no reachable answer opens it/,
      },
    ],
    [
      'a flag nobody raises',
      {
        manifest: miniManifest.replace(
          'flags:\n',
          'flags:\n  - { id: spare, kind: red, label: Spare, severity: low, explanation: Nobody raises it. }\n',
        ),
      },
      {
        severity: 'warning',
        code: 'flag-never-raised',
        file: 'bank.yaml',
        line: 20,
        message: /the flag "spare" is never raised/,
      },
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
      {
        severity: 'warning',
        code: 'rule-never-fires',
        file: 'bank.yaml',
        line: 23,
        message: /the rule "no-blame" can never fire/,
      },
    ],
    [
      'format 2: signals on a question that is not degree evidence',
      v2(undefined, (t) =>
        t.replace(
          '{ from: 4, to: 5, flags: [owns-it] }',
          '{ from: 4, to: 5, signals: { open: 1 } }',
        ),
      ),
      {
        severity: 'error',
        code: 'signals-outside-degree-evidence',
        line: 31,
        message: /"knowledge" is not degree evidence, so its answers cannot carry signals/,
        hint: /evidence: degree/,
      },
    ],
    [
      'format 2: fit levels out of order',
      v2((t) =>
        t
          .replace(
            '{ id: good, name: good, upTo: 0 }',
            '{ id: good, name: good, upTo: 0, recommendation: decline }',
          )
          .replace(
            '{ id: poor, name: poor, recommendation: decline }',
            '{ id: poor, name: poor, recommendation: take }',
          ),
      ),
      {
        severity: 'error',
        code: 'fit-levels-out-of-order',
        file: 'bank.yaml',
        line: 25,
        message: /recommends take, more favourable than the better level "good"/,
      },
    ],
    [
      'format 2: a fit level no flags can reach',
      v2((t) => t.replace('upTo: 0 }', 'upTo: 9 }')),
      {
        severity: 'warning',
        code: 'fit-level-never-met',
        file: 'bank.yaml',
        line: 25,
        message: /no set of flags can give the fit level "poor": the fit score runs from 0 to 4/,
      },
    ],
    [
      'format 2: a rule on a fit level that does not exist',
      v2((t) => t.replace('when: { flag: blames-us }', 'when: { fit: pooor }')),
      {
        severity: 'error',
        code: 'unknown-fit-level',
        file: 'bank.yaml',
        line: 28,
        message: /"pooor" is not a fit level of this bank/,
        hint: /did you mean "poor"\?/,
      },
    ],
    [
      "format 2: the fit inside a question's condition",
      v2(undefined, (t) =>
        t.replace('when: { question: source, equals: competitor }', 'when: { fit: good }'),
      ),
      {
        severity: 'error',
        code: 'fit-in-question',
        line: 20,
        message: /cannot test the fit: it is known only at the end/,
      },
    ],
    [
      'format 2: a fit question that opens a degree question',
      v2(undefined, (t) =>
        t
          .replace(
            '{ value: "yes", flags: [owns-it] }',
            '{ value: "yes", flags: [owns-it], opens: [knowledge] }',
          )
          .replace('    type: scale', '    type: scale\n    evidence: degree'),
      ),
      {
        severity: 'error',
        code: 'fit-opens-degree-question',
        line: 22,
        message: /"owner" is a fit question, so it cannot open the degree question "knowledge"/,
      },
    ],
    [
      'format 2: a degree question that depends on a flag a fit question raises',
      v2(undefined, (t) =>
        t.replace(
          '  - id: notes',
          '  - id: late\n    type: single\n    evidence: degree\n    prompt: Late\n    when: { flag: owns-it }\n    options:\n      - { value: a, label: A, signals: { open: 1 } }\n      - { value: b, label: B, signals: { fixed: 1 } }\n  - id: notes',
        ),
      ),
      {
        severity: 'error',
        code: 'degree-depends-on-fit',
        line: 36,
        message:
          /the degree question "late" depends on the flag "owns-it", which a fit question raises/,
      },
    ],
    [
      'format 2: negative fit points',
      v2((t) => t.replace('fit:\n', 'fit:\n  points: { low: -1, medium: 2, high: 4 }\n')),
      {
        severity: 'error',
        code: 'too-small',
        file: 'bank.yaml',
        line: 23,
        message: /"fit\.points\.low" must be at least 0/,
      },
    ],
    [
      'format 2: a rule counting more flags than can be raised',
      v2((t) =>
        t.replace('when: { flag: blames-us }', 'when: { flagCount: { kind: red, atLeast: 2 } }'),
      ),
      {
        severity: 'warning',
        code: 'rule-never-fires',
        file: 'bank.yaml',
        line: 27,
        message: /the rule "no-blame" can never fire/,
      },
    ],
  ];

  it.each(cases)('%s', (_name, overrides, expected) => {
    const { diagnostics } = loadMini(overrides);
    const d = diagnostics.find((x) => x.code === expected.code && expected.message.test(x.message));
    expect(d, JSON.stringify(diagnostics, null, 1)).toBeDefined();
    expect(d?.severity).toBe(expected.severity);
    expect(d?.file).toBe(expected.file ?? '10-questions.yaml');
    expect(d?.line).toBe(expected.line);
    expect(d?.message).toMatch(expected.message);
    if (expected.hint) expect(d?.hint).toMatch(expected.hint);
  });

  it('a yes-no question without options is asked for the record only: neutral, not reported', () => {
    const withRecordOnly = sec(
      '  - id: knowledge\n',
      '  - { id: signed, type: yes-no, prompt: Did they sign the NDA? }\n  - id: knowledge\n',
    );
    const { diagnostics, bank } = loadMini(withRecordOnly);
    expect(diagnostics.filter((d) => d.severity !== 'warning' || d.code === 'no-effect')).toEqual(
      [],
    );
    expect(
      bank?.questions
        .find((q) => q.id === 'signed')
        ?.choices.map((c) => [c.value, c.label, c.neutral]),
    ).toEqual([
      ['yes', 'Yes', true],
      ['no', 'No', true],
    ]);
    // Once options are given, an answer left out of them is reported (mark it neutral if intended).
    const oneSided = loadMini(sec('      - { value: "no", flags: [blames-us] }\n', ''));
    const [missing, ...others] = oneSided.diagnostics.filter((d) => d.code === 'no-effect');
    expect(others).toEqual([]);
    expect(missing?.message).toMatch(/the answer "no" of "owner" has no effect/);
  });

  it('a neutral option is not reported', () => {
    const { diagnostics } = loadMini(sec('signals: { fixed: 3 } }', 'neutral: true }'));
    expect(diagnostics.filter((d) => d.code === 'no-effect')).toEqual([]);
  });
});
