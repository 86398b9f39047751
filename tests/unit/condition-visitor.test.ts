import { describe, expect, it } from 'vitest';
import { describeCondition } from '../../src/core/bank/describe-condition';
import { flagCycles } from '../../src/core/bank/flag-cycles';
import type { Condition } from '../../src/core/bank/schema';
import { loadMini, miniManifest } from '../helpers/mini-bank';

const flatWhen = 'when: { flag: blames-us }';
const whenLine = miniManifest.split('\n').findIndex((l) => l.includes(flatWhen)) + 1;

/** The mini bank with its one rule's condition replaced (written on the same line). */
const withRuleWhen = (when: string) => loadMini({ manifest: miniManifest.replace(flatWhen, when) });

const wrappers = ['{ not: { not: X } }', '{ all: [X] }', '{ any: [X] }'] as const;

/** `test` wrapped `depth` times in `not`, `all` and `any` in turn: `not` an even number of times. */
function nested(test: string, depth: number): string {
  let out = test;
  for (let i = 0; i < depth; i++) out = wrappers[i % wrappers.length]?.replace('X', out) ?? out;
  return out;
}

describe('conditions nested deep are judged like flat ones', () => {
  it.each([1, 4, 12])(
    'an undeclared flag %i levels down is reported where it is written',
    (depth) => {
      const flat = withRuleWhen('when: { flag: blames-uss }').diagnostics.find(
        (d) => d.code === 'unknown-flag',
      );
      const deep = withRuleWhen(
        `when: ${nested('{ flag: blames-uss }', depth)}`,
      ).diagnostics.filter((d) => d.code === 'unknown-flag');
      expect(deep).toHaveLength(1);
      expect(flat?.line).toBe(whenLine);
      expect(deep[0]).toMatchObject({
        file: 'bank.yaml',
        line: whenLine,
        message: flat?.message,
        hint: 'did you mean "blames-us"?',
      });
      expect(deep[0]?.path.slice(0, 3)).toEqual(['rules', 0, 'when']);
      expect(deep[0]?.path.at(-1)).toBe('flag');
    },
  );

  it('a rule whose nested all asks one answer to be two values never fires', () => {
    const never = nested(
      '{ all: [{ question: source, equals: research }, { question: source, equals: competitor }] }',
      4,
    );
    const { diagnostics } = withRuleWhen(`when: ${never}`);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(diagnostics.find((d) => d.code === 'rule-never-fires')?.message).toBe(
      'the rule "no-blame" can never fire',
    );
  });

  it('a one-part all or any reads as its part, at any depth; not stays in the words', () => {
    const test: Condition = { question: 'source', equals: 'competitor' };
    let wrapped: Condition = test;
    for (let i = 0; i < 10; i++) wrapped = i % 2 === 0 ? { all: [wrapped] } : { any: [wrapped] };
    expect(describeCondition(wrapped)).toBe('source is competitor');
    expect(describeCondition({ all: [{ not: { not: wrapped } }, { flag: 'owns-it' }] })).toBe(
      'all of (not (not (source is competitor)); the flag owns-it was raised)',
    );
  });
});

describe('flag cycles', () => {
  it('of two equally short cycles, names the one through the flag written first', () => {
    const flags = [
      { id: 'a', when: { any: [{ flag: 'b' }, { flag: 'c' }] } },
      { id: 'b', when: { flag: 'a' } },
      { id: 'c', when: { flag: 'a' } },
    ];
    expect(flagCycles(flags)).toEqual([['a', 'b', 'a']]);
  });
});
