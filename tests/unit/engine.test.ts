import { describe, expect, it } from 'vitest';
import type { Condition } from '../../src/core/bank/schema';
import { readAnswers } from '../../src/core/judgement/answers';
import { answersFrom, assess } from '../../src/core/judgement/assess';
import { evaluate } from '../../src/core/judgement/conditions';
import { checkAnswerFlow, walkFlow } from '../../src/core/judgement/flow';
import { loadMini } from '../helpers/mini-bank';

const loaded = loadMini();
const bank = loaded.bank;
if (bank === undefined) throw new Error('mini bank did not load');

describe('conditions', () => {
  const answers = new Map<string, string | number | string[]>([
    ['a', 'x'],
    ['m', ['p', 'q']],
    ['s', 4],
    ['u', 'unknown'],
  ]);
  const context = {
    answerOf: (id: string) => answers.get(id),
    hasFlag: (f: string) => f === 'raised',
    degree: 'open',
  };
  const cases: [string, Condition, boolean][] = [
    ['equals a single answer', { question: 'a', equals: 'x' }, true],
    ['equals another value', { question: 'a', equals: 'y' }, false],
    ['equals one of several choices', { question: 'm', equals: 'q' }, true],
    ['equals a scale point', { question: 's', equals: 4 }, true],
    ['in a list', { question: 'a', in: ['y', 'x'] }, true],
    ['in a list, multiple choice overlap', { question: 'm', in: ['z', 'p'] }, true],
    ['an unanswered question equals nothing', { question: 'none', equals: 'x' }, false],
    ['"unknown" is never equal to anything', { question: 'u', in: ['unknown'] }, false],
    ['answered', { question: 'a', answered: true }, true],
    ['unknown counts as not answered', { question: 'u', answered: false }, true],
    ['missing counts as not answered', { question: 'none', answered: true }, false],
    ['a raised flag', { flag: 'raised' }, true],
    ['a flag not raised', { flag: 'other' }, false],
    ['the degree', { degree: 'open' }, true],
    ['not', { not: { flag: 'raised' } }, false],
    ['all', { all: [{ flag: 'raised' }, { question: 'a', equals: 'x' }] }, true],
    ['all with one false', { all: [{ flag: 'raised' }, { question: 'a', equals: 'y' }] }, false],
    ['any', { any: [{ flag: 'other' }, { question: 's', in: [1, 4] }] }, true],
    ['any with none true', { any: [{ flag: 'other' }, { degree: 'fixed' }] }, false],
  ];
  it.each(cases)('%s', (_name, condition, expected) => {
    expect(evaluate(condition, context)).toBe(expected);
  });
});

describe('the flow', () => {
  it('asks a follow-up only when an answer opens it, and a conditional question only when its condition holds', () => {
    const ids = (answers: Record<string, string | number>) =>
      walkFlow(bank, answersFrom(answers)).steps.map((s) => s.question.id);
    expect(ids({ source: 'research' })).toEqual(['source', 'knowledge', 'notes']);
    expect(ids({ source: 'competitor' })).toEqual(['source', 'why', 'owner', 'knowledge', 'notes']);
    expect(ids({ source: 'unknown' })).toEqual(['source', 'knowledge', 'notes']);
    expect(ids({})).toEqual(['source', 'knowledge', 'notes']);
  });

  it('names the next unanswered question', () => {
    expect(walkFlow(bank, answersFrom({})).next?.id).toBe('source');
    expect(walkFlow(bank, answersFrom({ source: 'competitor' })).next?.id).toBe('why');
    expect(
      walkFlow(bank, answersFrom({ source: 'research', knowledge: 3, notes: 'x' })).next,
    ).toBeUndefined();
  });

  it('records which answers raised each flag', () => {
    expect([...walkFlow(bank, answersFrom({ source: 'competitor', owner: 'no' })).flags]).toEqual([
      ['blames-us', ['owner']],
    ]);
  });

  it('reports answers to questions the answers never reach, and missing required answers', () => {
    const answers = answersFrom({ source: 'research', why: 'insists' });
    expect(
      checkAnswerFlow(bank, answers, { allowPartial: true }).map(
        (p) => `${p.questionId}:${p.code}`,
      ),
    ).toEqual(['why:not-asked']);
    expect(
      checkAnswerFlow(bank, answersFrom({ source: 'competitor' }), { allowPartial: false }).map(
        (p) => `${p.questionId}:${p.code}`,
      ),
    ).toEqual(['why:missing-answer', 'owner:missing-answer']);
  });
});

describe('answers', () => {
  it('accepts every form a question allows', () => {
    const { answers, problems } = readAnswers(
      bank,
      new Map<string, unknown>([
        ['source', 'competitor'],
        ['why', { value: 'insists', note: 'They do well with it.' }],
        ['owner', 'yes'],
        ['knowledge', 5],
        ['notes', 42],
      ]),
    );
    expect(problems).toEqual([]);
    expect(answers.get('why')).toEqual({ value: 'insists', note: 'They do well with it.' });
    expect(answers.get('notes')).toEqual({ value: '42' });
  });

  it.each([
    [
      'an unknown question, with a suggestion',
      'sourse',
      'research',
      'unknown-question',
      /there is no question "sourse"/,
      /did you mean "source"\?/,
    ],
    [
      'a value outside the options',
      'source',
      'competiter',
      'invalid-answer',
      /"competiter" is not an answer to "source"; allowed: research, competitor, unknown/,
      /did you mean "competitor"\?/,
    ],
    [
      'true for a yes/no question',
      'owner',
      true,
      'invalid-answer',
      /write yes or no/,
      /write: yes/,
    ],
    [
      'a scale point out of range',
      'knowledge',
      9,
      'invalid-answer',
      /whole number from 1 to 5/,
      /from 1 to 5/,
    ],
    [
      'a list for a single choice',
      'source',
      ['research'],
      'invalid-answer',
      /takes one answer/,
      /pick one of/,
    ],
    [
      'a map with a misspelt key',
      'source',
      { valeu: 'research' },
      'unknown-key',
      /unknown key "valeu"/,
      /did you mean "value"\?/,
    ],
  ])('refuses %s', (_name, id, value, code, message, hint) => {
    const { problems } = readAnswers(bank, new Map([[id, value]]));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.code).toBe(code);
    expect(problems[0]?.message).toMatch(message);
    expect(problems[0]?.hint).toMatch(hint);
  });
  it('lists the first 1,000 keys that name no question, and counts the rest in one problem at the next', () => {
    const raw = new Map<string, unknown>([['source', 'research']]);
    for (let i = 0; i < 2500; i++) raw.set(`k${i}`, 'x');
    const { answers, problems } = readAnswers(bank, raw);
    expect(answers.get('source')).toEqual({ value: 'research' });
    expect(problems.filter((p) => p.code === 'unknown-question')).toHaveLength(1000);
    const rest = problems.filter((p) => p.code === 'too-many-unknown-questions');
    expect(rest).toHaveLength(1);
    expect(rest[0]?.questionId).toBe('k1000');
    expect(rest[0]?.message).toMatch(
      /this key and 1499 more after it name no question .*2500 in all; only the first 1000 are listed/,
    );
  });
});

describe('assess', () => {
  it('picks the degree with the most signal, and its default recommendation', () => {
    const a = assess(bank, answersFrom({ source: 'research', knowledge: 5 }));
    expect(a.degree).toBe('open');
    expect(a.recommendation).toBe('take');
    expect(a.scores).toEqual([
      { degree: 'open', score: 4 },
      { degree: 'fixed', score: 0 },
    ]);
    expect(a.contributions.map((c) => `${c.questionId}:${c.degree}:${c.weight}`)).toEqual([
      'source:open:3',
      'knowledge:open:1',
    ]);
  });

  it('lets a decline rule win over the degree', () => {
    const a = assess(bank, answersFrom({ source: 'competitor', why: 'light-bulb', owner: 'no' }));
    expect(a.degree).toBe('open');
    expect(a.recommendation).toBe('decline');
    expect(a.decidingRule?.id).toBe('no-blame');
  });

  it('is undecided with too little evidence, and says why', () => {
    const a = assess(bank, answersFrom({ source: 'competitor', why: 'unknown' }));
    expect(a.degree).toBe('undecided');
    expect(a.undecidedReason).toBe('too-little-evidence');
    expect(a.recommendation).toBe('undecided');
  });

  it('is undecided on a tie', () => {
    const a = assess(bank, answersFrom({ source: 'competitor', why: 'insists', knowledge: 4 }));
    // fixed: 1 + 3 = 4; open: 1 → not a tie; make one:
    expect(a.degree).toBe('fixed');
    const tie = assess(
      { ...bank, minimumEvidence: 1 },
      answersFrom({ source: 'competitor', knowledge: 5 }),
    );
    expect(tie.degree).toBe('undecided');
    expect(tie.undecidedReason).toBe('tie');
  });

  it('lowers confidence for unknown answers and narrow margins, within [0, 1]', () => {
    const full = assess(bank, answersFrom({ source: 'research', knowledge: 5 }));
    const partial = assess(bank, answersFrom({ source: 'research', knowledge: 'unknown' }));
    // fixed 4 against open 1: decided, but a lead of 3 against the 4 needed is not clear.
    const narrow = assess(
      { ...bank, minimumEvidence: 4 },
      answersFrom({ source: 'competitor', why: 'insists', owner: 'yes', knowledge: 5 }),
    );
    expect(full.confidence).toBe(1);
    expect(partial.confidence).toBeLessThan(full.confidence);
    expect(narrow.confidence).toBeLessThan(full.confidence);
    for (const a of [full, partial, narrow]) {
      expect(a.confidence).toBeGreaterThanOrEqual(0);
      expect(a.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('adds the advice of the degree and of the rule that applied', () => {
    const a = assess(bank, answersFrom({ source: 'competitor', why: 'insists', owner: 'yes' }));
    expect(a.recommendation).toBe('take-with-conditions');
    expect(a.advice.conditions).toEqual(['They own the result.']);
    expect(a.flags.map((f) => f.flag.id)).toEqual(['owns-it']);
  });
});
